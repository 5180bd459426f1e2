using System.Reflection;
using CrmCdp.Web.Platform.Jobs;

namespace CrmCdp.UnitTests.Architecture;

/// <summary>The README stays true about what runs on its own.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_readme_names_every_recurring_job()
    {
        var jobs = typeof(IRecurringJobDefinition).Assembly.GetTypes()
            .Where(t => typeof(IRecurringJobDefinition).IsAssignableFrom(t) && !t.IsInterface)
            .Select(t => (string)t.GetField("Id", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!)
            .ToList();

        var readme = RepositoryFiles.Read("README.md");

        Assert.True(jobs.Count >= 6, $"only {jobs.Count} recurring jobs found");
        Assert.All(jobs, id => Assert.Contains($"`{id}`", readme, StringComparison.Ordinal));
    }
}
