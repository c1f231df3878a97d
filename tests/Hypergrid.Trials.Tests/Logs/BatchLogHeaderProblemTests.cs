using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

// A header's problem is found without building a message when there is none (a first trial list checks 100,000): the
// answer is the one the message-building check gives, on headers of every kind.
public sealed class BatchLogHeaderProblemTests
{
    // The check as it was written first: every message built, then asked whether any applies.
    private static string? Reference(BatchLogHeader h)
    {
        var header = string.Join(',', h.Names);
        var missing = BatchLogCheck.Required.Where(r => !h.Names.Contains(r)).ToList();
        if (missing.Count > 0) return $"its header '{BatchLogCheck.Cut(header)}' lacks {string.Join(", ", missing)} (the first line must name the columns, e.g. epoch,mode,batch,loss)";
        if (h.Names.Any(n => n.Length == 0)) return $"its header '{BatchLogCheck.Cut(header)}' has an empty column name";
        var twice = h.Names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"its header names '{BatchLogCheck.Cut(twice.Key)}' twice";
    }

    [Theory]
    [InlineData("epoch,mode,batch,loss")]
    [InlineData("loss,batch,mode,epoch,acc")]          // any order
    [InlineData("\uFEFFepoch,mode,batch\r")]           // a mark and a carriage return
    [InlineData("epoch,mode,loss")]                    // lacks batch
    [InlineData("time,loss")]                          // lacks all three
    [InlineData("epoch,mode,batch,,loss")]             // an empty name
    [InlineData("epoch,mode,batch,loss,loss")]         // twice
    [InlineData("epoch,mode,batch,Loss,loss")]         // case differs: not twice
    [InlineData("epoch,mode,batch,\"a,b\",a")]         // a quoted name with a comma
    [InlineData("epoch,mode,mode,batch")]              // a required name twice
    public void The_problem_is_the_one_the_message_building_check_finds(string line)
    {
        var header = BatchLogHeader.Read(System.Text.Encoding.UTF8.GetBytes(line + "\n"))!;
        Assert.Equal(Reference(header), header.Problem);
    }

    [Theory]
    [InlineData(70, false)] // many columns, all distinct
    [InlineData(70, true)]  // many, the last a repeat
    public void A_header_of_many_columns_is_judged_alike(int width, bool repeat)
    {
        var names = new List<string> { "epoch", "mode", "batch" };
        for (var i = 0; names.Count < width; i++) names.Add("m" + i);
        if (repeat) names[^1] = "m3";
        var header = BatchLogHeader.Read(System.Text.Encoding.UTF8.GetBytes(string.Join(',', names) + "\n"))!;
        Assert.Equal(Reference(header), header.Problem);
        Assert.Equal(repeat, header.Problem is not null);
    }
}
