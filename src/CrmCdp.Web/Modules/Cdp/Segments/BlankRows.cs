namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// The builder's empty rows (a condition whose trait or event is not named yet, nor compared with anything, and a
/// property filter neither named nor given a value) are left
/// out of what is counted and saved, so a half-started row never blocks the others. Errors about the pruned tree are
/// mapped back to the rows the marketer sees.
/// </summary>
internal static class BlankRows
{
    public static bool IsBlank(SegmentCondition node) =>
        node.Type is ConditionTypes.Trait or ConditionTypes.Computed
            ? string.IsNullOrWhiteSpace(node.Field) && string.IsNullOrWhiteSpace(node.Value)
            : node.Type == ConditionTypes.Event && string.IsNullOrWhiteSpace(node.Event);

    /// <summary>The tree without its blank rows, and how a pruned error path leads back to the shown row.</summary>
    /// <param name="root">A group; when every row is blank the tree stays as it is, so its first row says what is missing.</param>
    public static (SegmentCondition Tree, Func<string, string> PathBack) Prune(SegmentCondition root, string rootPath = "definition")
    {
        var paths = new List<(string Pruned, string Shown)>();
        var pruned = Prune(root, rootPath, rootPath, paths);
        if (pruned.Conditions is { Count: 0 } && root.Conditions is { Count: > 0 })
        {
            return (root.Clone(), path => path);
        }

        return (pruned, path =>
        {
            // The longest pruned prefix names the node; the rest of the path stays as it was.
            foreach (var (prunedPath, shown) in paths.OrderByDescending(p => p.Pruned.Length))
            {
                if (path == prunedPath || path.StartsWith(prunedPath + ".", StringComparison.Ordinal) || path.StartsWith(prunedPath + "[", StringComparison.Ordinal))
                {
                    return shown + path[prunedPath.Length..];
                }
            }

            return path;
        }
        );
    }

    private static SegmentCondition Prune(SegmentCondition node, string prunedPath, string shownPath, List<(string, string)> paths)
    {
        paths.Add((prunedPath, shownPath));
        var copy = node.Clone();
        if (node.Conditions is { } children)
        {
            copy.Conditions = [];
            for (var i = 0; i < children.Count; i++)
            {
                if (!IsBlank(children[i]))
                {
                    copy.Conditions.Add(Prune(children[i], $"{prunedPath}.conditions[{copy.Conditions.Count}]", $"{shownPath}.conditions[{i}]", paths));
                }
            }
        }

        if (node.Where is { } filters)
        {
            copy.Where = [];
            for (var i = 0; i < filters.Count; i++)
            {
                if (filters[i] is not { } filter || !string.IsNullOrWhiteSpace(filter.Field) || !string.IsNullOrWhiteSpace(filter.Value))
                {
                    paths.Add(($"{prunedPath}.where[{copy.Where.Count}]", $"{shownPath}.where[{i}]"));
                    copy.Where.Add(filters[i]?.Clone()!);
                }
            }

            copy.Where = copy.Where.Count == 0 ? null : copy.Where;
        }

        if (node.Condition is { } negated)
        {
            copy.Condition = Prune(negated, $"{prunedPath}.condition", $"{shownPath}.condition", paths);
        }

        return copy;
    }
}
