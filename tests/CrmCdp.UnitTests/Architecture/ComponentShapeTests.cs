using System.Text.RegularExpressions;

namespace CrmCdp.UnitTests.Architecture;

/// <summary>One component shape: markup in X.razor, code in X.razor.cs, data through services.</summary>
public sealed partial class ComponentShapeTests
{
    private const int MaxCodeBlockLines = 10;

    [Fact]
    public void Components_keep_their_code_in_a_code_behind_file()
    {
        var offenders = RepositoryFiles.FilesUnder("src", "*.razor")
            .Select(file => (file, lines: CodeBlockLines(File.ReadAllText(file))))
            .Where(entry => entry.lines > MaxCodeBlockLines)
            .Select(entry => $"{Path.GetRelativePath(RepositoryFiles.Root, entry.file)}: @code block of {entry.lines} lines")
            .ToList();

        Assert.True(offenders.Count == 0, "Move these into X.razor.cs:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Pages_and_components_reach_data_only_through_services()
    {
        var offenders = RepositoryFiles.FilesUnder("src", "*.razor").Concat(RepositoryFiles.FilesUnder("src", "*.razor.cs"))
            .Where(file => DataAccess().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(RepositoryFiles.Root, file))
            .ToList();

        Assert.True(offenders.Count == 0, "These components use the database directly:\n" + string.Join("\n", offenders));
    }

    private static int CodeBlockLines(string razor)
    {
        var start = razor.IndexOf("\n@code", StringComparison.Ordinal);
        return start < 0 ? 0 : razor[start..].Count(c => c == '\n');
    }

    [GeneratedRegex(@"\b(AppDbContext|SqlQuery|SqlQueryRaw|ExecuteSql\w*|NpgsqlConnection|NpgsqlCommand|NpgsqlDataSource)\b")]
    private static partial Regex DataAccess();
}
