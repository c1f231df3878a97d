using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// keep_checkpoint keeps the checkpoint of the result beside it, for either backend: one an earlier result left in the
/// trial folder (a result deleted by hand to train again) is replaced, never kept beside a result it does not belong to.
/// </summary>
public class KeptCheckpointTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    [Fact]
    public void The_built_in_trainer_replaces_an_earlier_kept_checkpoint_with_its_own()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 128\nkeep_checkpoint: true\n").Write(Leaf, "lr: 0.01");
        Assert.Equal(0, study.Run("expand").Code);
        var kept = Path.Combine(study.Trial(Leaf, 0), TrialFiles.Checkpoint);
        File.WriteAllText(kept, "an earlier result's checkpoint");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        Assert.Equal("the end (training done, results not yet written)", CheckpointHeader.TryRead(kept)?.ResumesAt);
    }

    [Fact]
    public void A_program_replaces_an_earlier_kept_checkpoint_folder_with_its_own()
    {
        const string leaf = "sweep/clusters/softmax/sgd";
        using var study = new Study().WriteFile("prog.py", """
            import os
            log = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')
            log.write('epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.4\n'); log.close()
            open(os.path.join(os.environ['HYPERGRID_CHECKPOINT_DIR'], 'state.txt'), 'w').write('this result')
            """).Write("", "command: python3 prog.py\nseed: 0\nepochs: 1\nkeep_checkpoint: true\n").Write(leaf, "lr: 1");
        Assert.Equal(0, study.Run("expand").Code);
        var kept = Path.Combine(study.Trial(leaf, 0), Attempt.CheckpointFolder);
        Directory.CreateDirectory(kept);
        File.WriteAllText(Path.Combine(kept, "state.txt"), "an earlier result");
        File.WriteAllText(Path.Combine(kept, "stray.bin"), "of the earlier result only");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        Assert.True(study.IsComplete(leaf, 0), output);
        Assert.Equal("this result", File.ReadAllText(Path.Combine(kept, "state.txt")));
        Assert.False(File.Exists(Path.Combine(kept, "stray.bin")));
    }
}
