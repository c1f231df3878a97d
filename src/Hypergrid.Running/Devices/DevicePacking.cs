namespace Hypergrid.Running.Devices;

/// <summary>
/// Which GPUs a trial gets (pure): the <c>need</c> devices with the most free worker slots, so trials spread over the
/// GPUs before any GPU takes a second one; among equals the worker's own GPU first, then the ones after it in order
/// (each worker keeps to its GPU while the load is even).
/// </summary>
public static class DevicePacking
{
    /// <summary>
    /// Device indices for a trial needing <paramref name="need"/> GPUs, given each device's free slots; null when fewer
    /// than <paramref name="need"/> devices have a free slot (the trial waits for one to free).
    /// </summary>
    public static IReadOnlyList<int>? Choose(IReadOnlyList<int> freeSlots, int need, int home)
    {
        if (need == 0) return [];
        var n = freeSlots.Count;
        if (n == 0) return null;
        var start = ((home % n) + n) % n;
        var order = Enumerable.Range(0, n).Select(i => (start + i) % n).Where(d => freeSlots[d] > 0)
            .OrderByDescending(d => freeSlots[d]).ThenBy(d => (d - start + n) % n).Take(need).ToList();
        return order.Count == need ? [.. order.Order()] : null;
    }

    /// <summary>The GPU worker <paramref name="worker"/> keeps to when it can: workers 0..n-1 one on each GPU, then round again.</summary>
    public static int Home(int worker, int devices) => devices == 0 ? 0 : worker % devices;
}
