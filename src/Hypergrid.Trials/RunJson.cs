using System.Text.Json;

namespace Hypergrid.Trials;

/// <summary>
/// Reads run.json as the serializer (<see cref="TrialJson"/>) reads it, but without its generic converters where the file
/// is plain: a first trial list at 100,000 trials reads as many, and the serializer's code for <see cref="RunRecord"/>
/// (a converter per property type, each compiled by the JIT on first use even in a ReadyToRun image) and its per-file
/// state were a fifth of that answer. The fast reader takes exactly the forms it is sure of (each value read by the
/// reader call the serializer's own converter makes); on anything else (an escaped or duplicated name, a value of
/// another type, a string for a number, a name starting with '$', damage) it gives up and the serializer reads the file,
/// so every answer, records and refusals alike, is the serializer's (RunJsonTests compare the two over generated and
/// hostile files).
/// </summary>
internal static class RunJson
{
    /// <summary>run.json's record from its UTF-8 bytes (no byte-order mark); throws <see cref="JsonException"/> as the serializer does.</summary>
    public static RunRecord? Read(ReadOnlySpan<byte> json) =>
        TryFast(json, out var record) ? record : JsonSerializer.Deserialize(json, TrialJson.Default.RunRecord);

    // The record's properties as the serializer names them (snake_case), in RunRecord's order.
    internal static readonly byte[][] Names =
    [
        "status"u8.ToArray(), "run_id"u8.ToArray(), "cfg_sha256"u8.ToArray(), "params_sha256"u8.ToArray(), "effective_sha256"u8.ToArray(),
        "config"u8.ToArray(), "started"u8.ToArray(), "ended"u8.ToArray(), "seconds"u8.ToArray(), "attempt_seconds"u8.ToArray(),
        "host"u8.ToArray(), "pid"u8.ToArray(), "threads"u8.ToArray(), "device"u8.ToArray(), "gpus"u8.ToArray(), "versions"u8.ToArray(),
        "data"u8.ToArray(), "final"u8.ToArray(), "error"u8.ToArray(), "slurm_job"u8.ToArray(), "resumed_from"u8.ToArray(),
        "yielded"u8.ToArray(), "paused_at"u8.ToArray(), "epochs"u8.ToArray(), "epochs_past_rung"u8.ToArray(), "weights_sha256"u8.ToArray(),
        "exit_code"u8.ToArray(), "command"u8.ToArray(), "code"u8.ToArray(), "interpreter"u8.ToArray(), "program_versions"u8.ToArray(),
    ];

    private static readonly byte[][] DataNames = ["name"u8.ToArray(), "source"u8.ToArray(), "train_samples"u8.ToArray(), "val_samples"u8.ToArray(), "checksum"u8.ToArray()];

    // The fast read: true with the record, or false where the serializer must decide (nothing of it is used then).
    internal static bool TryFast(ReadOnlySpan<byte> json, out RunRecord? record)
    {
        record = null;
        try { return Fast(json, ref record); }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException) { return false; }
    }

    private static bool Fast(ReadOnlySpan<byte> json, ref RunRecord? record)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        // A property the file does not name is default, as the serializer's constructor of init-only properties makes it.
        var status = RunStatus.Running;
        string? runId = null, cfgSha = null, paramsSha = null, effectiveSha = null, host = null, device = null, error = null, slurmJob = null, resumedFrom = null, weightsSha = null;
        System.Text.Json.Nodes.JsonObject? config = null;
        DateTimeOffset started = default;
        DateTimeOffset? ended = null;
        double? seconds = null;
        List<double>? attemptSeconds = null;
        int pid = 0, threads = 0;
        int? pausedAt = null, epochs = null, epochsPastRung = null, exitCode = null;
        List<string?>? gpus = null, command = null;
        Dictionary<string, string?>? versions = null;
        Dictionary<string, double?>? final = null;
        DataRecord? data = null;
        var yielded = false;
        Code.CodeRecord? code = null;
        Code.InterpreterRecord? interpreter = null;
        SortedDictionary<string, string>? programVersions = null;
        var seen = 0UL;
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var property = Property(ref reader, Names, ref seen);
            if (property == Declined) return false;
            if (!reader.Read()) return false;
            var ok = property switch
            {
                Unknown => Skip(ref reader),
                0 => Status(ref reader, out status),
                1 => NullableString(ref reader, out runId),
                2 => String(ref reader, out cfgSha),
                3 => NullableString(ref reader, out paramsSha),
                4 => NullableString(ref reader, out effectiveSha),
                5 => Serialized(ref reader, TrialJson.Default.JsonObject, out config),
                6 => Date(ref reader, out started),
                7 => reader.TokenType == JsonTokenType.Null ? Null(out ended) : Date(ref reader, out var e) && Set(out ended, e),
                8 => NullableDouble(ref reader, out seconds),
                9 => reader.TokenType == JsonTokenType.Null ? Null(out attemptSeconds) : Array(ref reader, Double, out attemptSeconds),
                10 => String(ref reader, out host),
                11 => Int(ref reader, out pid),
                12 => Int(ref reader, out threads),
                13 => String(ref reader, out device),
                14 => reader.TokenType == JsonTokenType.Null ? Null(out gpus) : Array(ref reader, NullableString, out gpus),
                15 => Map(ref reader, NullableString, out versions),
                16 => reader.TokenType == JsonTokenType.Null ? Null(out data) : Data(ref reader, out data),
                17 => Map(ref reader, NullableDouble, out final),
                18 => NullableString(ref reader, out error),
                19 => NullableString(ref reader, out slurmJob),
                20 => NullableString(ref reader, out resumedFrom),
                21 => Bool(ref reader, out yielded),
                22 => NullableInt(ref reader, out pausedAt),
                23 => NullableInt(ref reader, out epochs),
                24 => NullableInt(ref reader, out epochsPastRung),
                25 => NullableString(ref reader, out weightsSha),
                26 => NullableInt(ref reader, out exitCode),
                27 => reader.TokenType == JsonTokenType.Null ? Null(out command) : Array(ref reader, NullableString, out command),
                28 => Serialized(ref reader, TrialJson.Default.CodeRecord, out code),
                29 => Serialized(ref reader, TrialJson.Default.InterpreterRecord, out interpreter),
                _ => Serialized(ref reader, TrialJson.Default.SortedDictionaryStringString, out programVersions),
            };
            if (!ok) return false;
        }
        // Nothing but white space after the object, as the serializer's last read demands.
        if (reader.Read()) return false;
        record = new RunRecord
        {
            Status = status, RunId = runId, CfgSha256 = cfgSha!, ParamsSha256 = paramsSha, EffectiveSha256 = effectiveSha, Config = config,
            Started = started, Ended = ended, Seconds = seconds, AttemptSeconds = attemptSeconds, Host = host!, Pid = pid, Threads = threads,
            Device = device!, Gpus = gpus!, Versions = versions!, Data = data, Final = final!, Error = error, SlurmJob = slurmJob,
            ResumedFrom = resumedFrom, Yielded = yielded, PausedAt = pausedAt, Epochs = epochs, EpochsPastRung = epochsPastRung,
            WeightsSha256 = weightsSha, ExitCode = exitCode, Command = command!, Code = code, Interpreter = interpreter, ProgramVersions = programVersions,
        };
        return true;
    }

    private const int Unknown = -1, Declined = -2;

    // The index of the property the reader is at, Unknown for a name the record lacks (skipped, as the serializer skips
    // it), Declined for a name the serializer may read otherwise (escaped, '$' metadata) or one named twice.
    private static int Property(ref Utf8JsonReader reader, byte[][] names, ref ulong seen)
    {
        if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped) return Declined;
        var name = reader.ValueSpan;
        if (name.Length > 0 && name[0] == (byte)'$') return Declined;
        for (var i = 0; i < names.Length; i++)
        {
            if (!name.SequenceEqual(names[i])) continue;
            if ((seen & (1UL << i)) != 0) return Declined;
            seen |= 1UL << i;
            return i;
        }
        return Unknown;
    }

    private static bool Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    private static bool Set<T>(out T? target, T value) where T : struct
    {
        target = value;
        return true;
    }

    private static bool Null<T>(out T? target)
    {
        target = default;
        return true;
    }

    // The enum as the string converter writes it; any other form (a number, another spelling) is the serializer's to judge.
    private static bool Status(ref Utf8JsonReader reader, out RunStatus status)
    {
        status = RunStatus.Running;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var text = reader.ValueSpan;
        if (text.SequenceEqual("running"u8)) status = RunStatus.Running;
        else if (text.SequenceEqual("complete"u8)) status = RunStatus.Complete;
        else if (text.SequenceEqual("failed"u8)) status = RunStatus.Failed;
        else if (text.SequenceEqual("interrupted"u8)) status = RunStatus.Interrupted;
        else if (text.SequenceEqual("paused"u8)) status = RunStatus.Paused;
        else if (text.SequenceEqual("lost"u8)) status = RunStatus.Lost;
        else return false;
        return true;
    }

    // A string that is not null (the serializer would store a null where the record promises none: left to it).
    private static bool String(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null;
    }

    private static bool NullableString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        return reader.TokenType == JsonTokenType.Null || String(ref reader, out value);
    }

    private static bool Int(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }

    private static bool NullableInt(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (!Int(ref reader, out var v)) return false;
        value = v;
        return true;
    }

    private static bool Bool(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    private static bool Date(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out value);
    }

    // A number, or NaN, Infinity or -Infinity as a string (the named literals the options allow), unescaped.
    private static bool Double(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetDouble(out value);
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var text = reader.ValueSpan;
        if (text.SequenceEqual("NaN"u8)) value = double.NaN;
        else if (text.SequenceEqual("Infinity"u8)) value = double.PositiveInfinity;
        else if (text.SequenceEqual("-Infinity"u8)) value = double.NegativeInfinity;
        else return false;
        return true;
    }

    private static bool NullableDouble(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (!Double(ref reader, out var v)) return false;
        value = v;
        return true;
    }

    private delegate bool ItemReader<T>(ref Utf8JsonReader reader, out T value);

    // An array of items each read by `item`.
    private static bool Array<T>(ref Utf8JsonReader reader, ItemReader<T> item, out List<T>? values)
    {
        values = null;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!item(ref reader, out var value)) return false;
            list.Add(value);
        }
        values = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    // An object of values each read by `item`, in the order written (the list shows a result's final metrics in that
    // order); a key named twice is left to the serializer.
    private static bool Map<T>(ref Utf8JsonReader reader, ItemReader<T> item, out Dictionary<string, T>? map)
    {
        map = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var made = new Dictionary<string, T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || !item(ref reader, out var value) || !made.TryAdd(key, value)) return false;
        }
        map = made;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    // "data": the record's constructor arguments, each default when the file does not name it.
    private static bool Data(ref Utf8JsonReader reader, out DataRecord? data)
    {
        data = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        string? name = null, source = null, checksum = null;
        int train = 0, val = 0;
        var seen = 0UL;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = Property(ref reader, DataNames, ref seen);
            if (property == Declined || !reader.Read()) return false;
            var ok = property switch
            {
                Unknown => Skip(ref reader),
                0 => String(ref reader, out name),
                1 => String(ref reader, out source),
                2 => Int(ref reader, out train),
                3 => Int(ref reader, out val),
                _ => String(ref reader, out checksum),
            };
            if (!ok) return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject) return false;
        data = new DataRecord(name!, source!, train, val, checksum!);
        return true;
    }

    // A value whose type is rare in run.json or has rules of its own (a config's nodes, a program's code): the
    // serializer's own converter for that type reads it, as it would inside the record.
    private static bool Serialized<T>(ref Utf8JsonReader reader, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, out T? value)
    {
        value = JsonSerializer.Deserialize(ref reader, type);
        return true;
    }
}
