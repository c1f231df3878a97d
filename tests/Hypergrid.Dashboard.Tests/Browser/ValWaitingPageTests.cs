namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// A running trial with train rows and no val pass yet, whose acc its program logs only in the val pass: its acc plot is
/// words saying what it waits for, not an empty frame with made-up axes and "0 line(s)" (the audit's defect 15).
/// </summary>
[Collection("browser")]
public sealed class ValWaitingPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Leaf = "sweep/toy/cnn/adam";
    private const string Training = Leaf + "/trial_000";
    private const string Done = Leaf + "/trial_001";

    protected override void Build(LogTree tree)
    {
        var training = tree.AddRunning(Training, "seed: 0\nlr: 0.1\n", epochs: 1, batches: 1);
        File.WriteAllText(Path.Combine(training, Hypergrid.Trials.TrialFiles.PartialLog), "epoch,mode,batch,loss,acc\n1,train,0,2.0,\n1,train,1,1.5,\n1,train,2,1.2,\n");
        tree.AddComplete(Done, "seed: 1\nlr: 0.1\n", epochs: 1, batches: 2);
    }

    [Theory]
    [InlineData("#m=loss,acc")]
    [InlineData("#m=loss,acc&x=step")]
    public async Task A_running_trial_without_a_val_pass_yet_says_so_in_place_of_its_acc_plot(string view)
    {
        // The study's acc is known from its complete trial; then only the running one is shown.
        var page = await Open(view);
        await page.Locator(".plot[data-metric='acc'] canvas").WaitForAsync();
        await page.EvaluateAsync($"async () => {{ hypergrid.view.hide.add('{Done}'); await hypergrid.refresh(); }}");
        var words = page.Locator(".plot-empty[data-metric='acc']");
        await words.WaitForAsync();
        Assert.Equal($"acc: {Training} is running: waiting for its first val rows", await words.TextContentAsync());
        Assert.Equal(0, await page.Locator(".plot[data-metric='acc']").CountAsync());
        Assert.Equal(1, await page.Locator(".plot[data-metric='loss']").CountAsync());
        Assert.Empty(ConsoleErrors);
    }
}
