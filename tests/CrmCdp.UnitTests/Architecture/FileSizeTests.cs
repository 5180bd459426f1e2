namespace CrmCdp.UnitTests.Architecture;

/// <summary>Small files with one job: a file that outgrows this has taken on a second one.</summary>
public sealed class FileSizeTests
{
    private const int MaxLines = 350;

    [Fact]
    public void No_hand_written_file_reaches_350_lines()
    {
        var migrations = $"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}";
        var offenders = new[] { "src", "tests" }
            .SelectMany(folder => RepositoryFiles.FilesUnder(folder, "*.cs").Concat(RepositoryFiles.FilesUnder(folder, "*.razor")))
            .Where(file => !file.Contains(migrations, StringComparison.Ordinal))
            .Select(file => (file, lines: File.ReadLines(file).Count()))
            .Where(entry => entry.lines >= MaxLines)
            .Select(entry => $"{Path.GetRelativePath(RepositoryFiles.Root, entry.file)}: {entry.lines} lines")
            .ToList();

        Assert.True(offenders.Count == 0, "Split these by job:\n" + string.Join("\n", offenders));
    }
}
