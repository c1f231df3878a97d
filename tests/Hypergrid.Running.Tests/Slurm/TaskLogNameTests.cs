using Hypergrid.Running.Slurm;

namespace Hypergrid.Running.Tests.Slurm;

public class TaskLogNameTests
{
    [Theory]
    [InlineData(0, "task_%a.out")]
    [InlineData(4, "task_%a+4.out")]
    public void Each_array_of_a_submission_has_its_own_output_pattern(int offset, string pattern) => Assert.Equal(pattern, TaskLogName.Pattern(offset));

    [Theory]
    [InlineData("task_3.out", 3)]
    [InlineData("task_1+4.out", 5)]
    [InlineData("task_0+1000.out", 1000)]
    public void A_tasks_file_gives_its_worker_number_counted_over_the_submission(string name, int worker) => Assert.Equal(worker, TaskLogName.Worker(name));

    [Theory]
    [InlineData("task_x.out")]
    [InlineData("task_1+2+3.out")]
    [InlineData("task_-1.out")]
    [InlineData("job.sh")]
    [InlineData("task_1.err")]
    public void Other_files_are_not_tasks(string name) => Assert.Null(TaskLogName.Worker(name));
}
