namespace CrmCdp.UnitTests.Architecture;

/// <summary>The repository's own files, for tests that hold the code and docs to rules the compiler cannot.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public static IEnumerable<string> CSharpFilesUnder(string relativeFolder) => FilesUnder(relativeFolder, "*.cs");

    public static IEnumerable<string> FilesUnder(string relativeFolder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, relativeFolder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
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
