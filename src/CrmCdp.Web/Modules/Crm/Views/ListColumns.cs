namespace CrmCdp.Web.Modules.Crm.Views;

/// <summary>The optional columns of a list, which of them are shown, and the defaults a view without columns falls back to.</summary>
public sealed class ListColumns(IReadOnlyList<string> optional, IReadOnlyList<string> shownByDefault)
{
    private HashSet<string> _shown = [.. shownByDefault];

    public IReadOnlyList<string> Optional { get; } = optional;

    public bool Shows(string column) => _shown.Contains(column);

    public void Toggle(string column, bool show)
    {
        if (show)
        {
            _shown.Add(column);
        }
        else
        {
            _shown.Remove(column);
        }
    }

    /// <summary>The shown columns in the list's own order, as a saved view keeps them.</summary>
    public List<string> Chosen => [.. Optional.Where(_shown.Contains)];

    public void Restore(IReadOnlyList<string> saved) => _shown = saved.Count > 0 ? [.. saved] : [.. shownByDefault];
}
