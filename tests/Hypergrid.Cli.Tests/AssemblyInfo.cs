// TorchSharp tests seed explicitly and must not share the native runtime's threads with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
