using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// w × 10^q as the nearest double (ties to even), for a decimal mantissa w of at most 19 digits: the Eisel-Lemire
/// algorithm as fast_float and csFastFloat compute it (a 64 × 128-bit product with a truncated power of five, which
/// Mushtak and Lemire proved always enough for 19 digits). It declines, for the general parser, the one case older
/// versions of the algorithm sent to a slower path (a product whose low word is all ones, outside -27..55), so a value
/// it gives is always the correctly rounded one.
/// </summary>
internal static class EiselLemire
{
    private const int MantissaBits = 52, MinimumExponent = -1023, InfinitePower = 0x7FF;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a big log's first read runs it before tiering could
    public static bool TryCompute(int q, ulong w, bool negative, out double value)
    {
        ulong mantissa;
        int power2;
        if (w == 0 || q < PowersOfFive.Smallest) (mantissa, power2) = (0, 0);
        else if (q > PowersOfFive.Largest) (mantissa, power2) = (0, InfinitePower);
        else
        {
            var lz = BitOperations.LeadingZeroCount(w);
            w <<= lz;
            var index = 2 * (q - PowersOfFive.Smallest);
            var high = Math.BigMul(w, PowersOfFive.Table[index], out var low);
            const ulong precisionMask = ulong.MaxValue >> (MantissaBits + 3);
            if ((high & precisionMask) == precisionMask) // the truncated power may matter: take its second word too
            {
                var secondHigh = Math.BigMul(w, PowersOfFive.Table[index + 1], out _);
                low += secondHigh;
                if (secondHigh > low) high++;
            }
            if (low == ulong.MaxValue && (q < -27 || q > 55)) { value = 0; return false; }
            var upperBit = (int)(high >> 63);
            var shift = upperBit + 64 - MantissaBits - 3;
            mantissa = high >> shift;
            power2 = (int)(((152170 + 65536) * (long)q) >> 16) + 63 + upperBit - lz - MinimumExponent;
            if (power2 <= 0) // subnormal
            {
                if (-power2 + 1 >= 64) (mantissa, power2) = (0, 0);
                else
                {
                    mantissa >>= -power2 + 1;
                    mantissa += mantissa & 1;
                    mantissa >>= 1;
                    power2 = mantissa < 1UL << MantissaBits ? 0 : 1;
                }
            }
            else
            {
                // A product exactly halfway between two doubles (possible only for small exponents): ties to even.
                if (low <= 1 && q is >= -4 and <= 23 && (mantissa & 3) == 1 && mantissa << shift == high) mantissa &= ~1UL;
                mantissa += mantissa & 1;
                mantissa >>= 1;
                if (mantissa >= 2UL << MantissaBits)
                {
                    mantissa = 1UL << MantissaBits;
                    power2++;
                }
                mantissa &= ~(1UL << MantissaBits);
                if (power2 >= InfinitePower) (mantissa, power2) = (0, InfinitePower);
            }
        }
        value = BitConverter.UInt64BitsToDouble(mantissa | (ulong)power2 << MantissaBits | (negative ? 1UL << 63 : 0));
        return true;
    }
}
