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
            .Append(typeof(ExpiredSessionCleanupJob))
            .Select(t => (string)t.GetField("Id", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!)
            .ToList();

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.True(jobs.Count >= 6, $"only {jobs.Count} recurring jobs found");
        Assert.All(jobs, id => Assert.Contains($"`{id}`", readme, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmCdp.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("CrmCdp.sln not found above the test output.");
    }
}
