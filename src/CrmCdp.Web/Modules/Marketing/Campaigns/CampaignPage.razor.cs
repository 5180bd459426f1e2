using CrmCdp.Web.Modules.Marketing.Journeys;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Marketing.Campaigns;

/// <summary>A campaign: written as a draft, sent now or scheduled (after a confirmation), then followed live as it goes out.</summary>
public sealed partial class CampaignPage
{
    private readonly CancellationTokenSource _closed = new();
    private CampaignDto? _campaign;
    private JourneyChoices _choices = new([], []);
    private CampaignStats? _stats;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private BarChartOptions _axis = new();
    private string? _name;
    private Guid? _segmentId;
    private Guid? _templateId;
    private DateTime? _scheduledDate;
    private TimeSpan? _scheduledTime;
    private bool _busy;
    private bool _missing;
    private bool _following;

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private CampaignService Campaigns { get; set; } = default!;

    [Inject]
    private CampaignQueries Queries { get; set; } = default!;

    [Inject]
    private JourneyService Journeys { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private bool Editable => _campaign is null || _campaign.Status == CampaignStatuses.Draft;

    private DateTimeOffset? ScheduledAt => _scheduledDate is { } date ? (date.Date + (_scheduledTime ?? TimeSpan.FromHours(9))).FromUserZone() : null;

    protected override async Task OnParametersSetAsync()
    {
        var access = await AccessAsync();
        if (_choices.Segments.Count == 0 && _choices.Templates.Count == 0)
        {
            _choices = await Journeys.ChoicesAsync(access);
        }

        if (Id is { } id && _campaign?.Id != id)
        {
            _campaign = (await Campaigns.GetAsync(access, id)).Value;
            _missing = _campaign is null;
            if (_campaign is { } campaign)
            {
                (_name, _segmentId, _templateId) = (campaign.Name, campaign.SegmentId, campaign.TemplateId);
                var local = campaign.ScheduledAt?.InUserZone();
                (_scheduledDate, _scheduledTime) = (local?.DateTime.Date, local?.TimeOfDay);
            }
        }

        if (_campaign is not null && !_following)
        {
            _following = true;
            await LoadStatsAsync();
            _ = RefreshEveryAsync(TimeSpan.FromSeconds(2), LoadStatsAsync, _closed.Token);
        }
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task<bool> SaveAsync()
    {
        _busy = true;
        try
        {
            var access = await AccessAsync();
            var input = new CampaignInput(_name, _segmentId, _templateId, ScheduledAt);
            var saved = _campaign is null ? await Campaigns.CreateAsync(access, input) : await Campaigns.UpdateAsync(access, _campaign.Id, input);
            _errors = saved.Errors ?? new Dictionary<string, string[]>();
            if (saved.Value is not { } campaign)
            {
                Snackbar.Add(saved.Message ?? "The campaign has problems; see the fields marked in red.", Severity.Error);
                return false;
            }

            _campaign = campaign;
            return true;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveDraftAsync()
    {
        if (await SaveAsync())
        {
            Snackbar.Add("Draft saved.", Severity.Success);
            ShowSaved();
        }
    }

    private async Task SendAsync()
    {
        // Saved (and so checked) first: a campaign with problems shows them instead of asking.
        if (!await SaveAsync() || _campaign is null)
        {
            return;
        }

        StateHasChanged();
        var segment = _choices.Segments.FirstOrDefault(s => s.Id == _segmentId).Name ?? "the segment";
        var when = ScheduledAt is { } at ? $"on {at.InUserZone():g}" : "now";
        if (await Dialogs.ShowMessageBoxAsync("Send the campaign?", $"It goes out {when} to the members of “{segment}” then, each person once; it cannot be called back.",
                yesText: ScheduledAt is null ? "Send now" : "Schedule", cancelText: "Cancel") != true)
        {
            ShowSaved();
            return;
        }

        var sent = await Campaigns.SendAsync(await AccessAsync(), _campaign.Id);
        if (sent.Value is { } campaign)
        {
            _campaign = campaign;
            Snackbar.Add(campaign.ScheduledAt > Time.GetUtcNow() ? $"Scheduled for {campaign.ScheduledAt.Value.InUserZone():g}." : "Going out now.", Severity.Success);
        }
        else
        {
            Snackbar.Add(sent.Message ?? "The campaign could not be sent.", Severity.Error);
        }

        ShowSaved();
    }

    private void ShowSaved()
    {
        if (Id is null && _campaign is { } campaign)
        {
            Navigation.NavigateTo($"/marketing/campaigns/{campaign.Id}", replace: true);
        }
    }

    private async Task LoadStatsAsync()
    {
        if (_campaign is null)
        {
            return;
        }

        var access = await AccessAsync();
        if ((await Campaigns.GetAsync(access, _campaign.Id, _closed.Token)).Value is { } campaign)
        {
            _campaign = campaign;
        }

        _stats = _campaign.StartedAt is null ? null : (await Queries.StatsAsync(access, _campaign.Id, _closed.Token)).Value;
        if (_stats is { } stats)
        {
            _labels = ["Sent", "Opened", "Clicked", "Unsubscribed", "Failed"];
            _series = [new() { Name = "People", Data = new double[] { stats.Sent, stats.Opened, stats.Clicked, stats.Unsubscribed, stats.Failed } }];
            _axis = AxisSteps.BarsUpTo(_series.SelectMany(s => s.Data.Values));
        }
    }

    private static IEnumerable<(string Label, string Value, string Id)> Numbers(CampaignStats stats)
    {
        string Share(int part) => stats.Sent == 0 ? "" : $" ({(double)part / stats.Sent:P0})";
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        return
        [
            ("Audience", stats.Audience.ToString("N0", culture), "audience"),
            ("Sent", stats.Sent.ToString("N0", culture), "sent"),
            ("Opened", stats.Opened.ToString("N0", culture) + Share(stats.Opened), "opened"),
            ("Clicked", stats.Clicked.ToString("N0", culture) + Share(stats.Clicked), "clicked"),
            ("Unsubscribed", stats.Unsubscribed.ToString("N0", culture), "unsubscribed"),
            ("Failed", stats.Failed.ToString("N0", culture), "failed"),
        ];
    }

    private static string SkipLabel(string reason) => reason switch
    {
        "no_consent" => "without consent to email",
        "suppressed" => "suppressed",
        "no_email" => "without an address",
        "frequency_cap" => "over the weekly cap",
        _ => reason.Replace('_', ' '),
    };
}
