namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>
/// Server validation errors (keyed as in problem details: "email", "phones[1]") shown on the form
/// field that holds them, so the page and the API give the same message.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _byField.Count > 0;

    public void Clear() => _byField.Clear();

    /// <param name="fieldFor">Maps an error key to the form field that shows it.</param>
    public void Set(IReadOnlyDictionary<string, string[]>? errors, Func<string, string>? fieldFor = null)
    {
        _byField.Clear();
        foreach (var (key, messages) in errors ?? new Dictionary<string, string[]>())
        {
            var bare = key.Split('[')[0];
            var field = fieldFor?.Invoke(bare) ?? bare;
            if (!_byField.TryGetValue(field, out var list))
            {
                _byField[field] = list = [];
            }

            list.AddRange(messages);
        }
    }

    /// <summary>Replaces one field's messages (none clears it), as the field is checked again after an edit.</summary>
    public void Replace(string field, IEnumerable<string> messages)
    {
        var list = messages.ToList();
        if (list.Count == 0)
        {
            _byField.Remove(field);
        }
        else
        {
            _byField[field] = list;
        }
    }

    public bool Has(string field) => _byField.ContainsKey(field);

    public string? Text(string field) => _byField.TryGetValue(field, out var messages) ? string.Join(" ", messages.Distinct()) : null;

    /// <summary>Messages whose field is not on the form.</summary>
    public IEnumerable<string> Except(params string[] fields) =>
        _byField.Where(pair => !fields.Contains(pair.Key, StringComparer.OrdinalIgnoreCase)
                && !pair.Key.StartsWith("CustomFields.", StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value);
}
