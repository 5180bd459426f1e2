using CrmCdp.Web.Platform.Audit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Audit;

public partial class AuditPage
{
    private const int PageSize = 100;

    private static readonly (string Value, string Label)[] ActionChoices =
    [
        ("auth.", "Sign-ins and sign-outs"),
        (AuditActions.SignInFailed, "Failed sign-ins"),
        ("admin.user.", "User changes"),
        ("admin.role.", "Role and permission changes"),
        ("admin.team.", "Team changes"),
        ("admin.apikey.", "API key changes"),
        ("crm.contact.", "Contact changes"),
        ("crm.company.", "Company changes"),
        (AuditActions.Export, "Exports"),
        (AuditActions.Import, "Imports"),
    ];

    private readonly List<AuditEntryDto> _entries = [];
    private IReadOnlyList<(Guid Id, string Email)> _users = [];
    private long? _nextCursor;
    private bool _loading;
    private Guid? _userId;
    private string? _action;
    private string? _recordId;
    private DateTime? _from;
    private DateTime? _to;

    [Inject]
    private AuditQueries Queries { get; set; } = default!;

    private AuditFilter Filter => new(_userId, _action, _recordId,
        _from is { } from ? new DateTimeOffset(from.Date) : null,
        _to is { } to ? new DateTimeOffset(to.Date.AddDays(1)) : null);

    private string ExportUrl => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/v1/audit/export", new Dictionary<string, string?>
    {
        ["userId"] = _userId?.ToString(),
        ["action"] = _action,
        ["recordId"] = _recordId,
        ["from"] = Filter.From?.ToString("O"),
        ["to"] = Filter.To?.ToString("O"),
    }.Where(p => p.Value is not null));

    protected override async Task OnInitializedAsync()
    {
        _users = await Queries.ActorsAsync(await AccessAsync());
        await ReloadAsync();
    }

    private async Task SetFilter(Action change)
    {
        change();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _entries.Clear();
        _nextCursor = null;
        await LoadMoreAsync();
    }

    private async Task LoadMoreAsync()
    {
        _loading = true;
        try
        {
            var page = await Queries.ListAsync(await AccessAsync(), Filter, _nextCursor, PageSize);
            _entries.AddRange(page.Items);
            _nextCursor = page.NextCursor;
        }
        finally
        {
            _loading = false;
        }
    }

    private static string ShortId(string id) => id.Length > 8 ? id[..8] + "…" : id;

    private static Color ActionColor(string action) => action switch
    {
        AuditActions.SignInFailed => Color.Error,
        _ when action.EndsWith(".deleted", StringComparison.Ordinal) || action.EndsWith(".revoked", StringComparison.Ordinal) => Color.Warning,
        _ when action.StartsWith("admin.", StringComparison.Ordinal) => Color.Secondary,
        _ => Color.Default,
    };
}
