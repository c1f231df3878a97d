using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

public class WorkerEventTests
{
    [Fact]
    public void Every_event_arrives_as_it_was_sent_even_with_double_spaces_newlines_and_indented_hints()
    {
        WorkerEvent[] sent =
        [
            new TrialStarted("sweep/a  b/mlp/adam/trial_000"),
            new TrialProgress("sweep/a  b/mlp/adam/trial_000", 2, 5, 17, 63, double.NaN),
            new TrialDone("sweep/a  b/mlp/adam/trial_000", RunStatus.Failed, 1.25, "cfg.yaml:3:1: key 'lr' is 'fast'\n  hint: write a number  from 0 to 1000000"),
        ];
        foreach (var e in sent)
        {
            var line = e.ToLine();
            Assert.DoesNotContain('\n', line);
            var back = WorkerEvent.TryParse(line);
            Assert.Equal(e.GetType(), back?.GetType());
            Assert.Equal(e.ToString(), back!.ToString());
        }
    }

    [Theory]
    [InlineData("plain text from a worker")]
    [InlineData("@hg {not json")]
    [InlineData("@hg {\"kind\": \"unknown\", \"trial\": \"x\"}")]
    public void Lines_that_are_not_events_are_not_taken_for_events(string line) => Assert.Null(WorkerEvent.TryParse(line));
}
