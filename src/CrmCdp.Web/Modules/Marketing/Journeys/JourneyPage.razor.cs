using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Builds a journey as a vertical flow of steps (each with its validation), publishes and pauses it, and follows it live:
/// the funnel of its steps and who is where, refreshed every two seconds.
/// </summary>
public sealed partial class JourneyPage
{
    private readonly CancellationTokenSource _closed = new();
    private JourneyDraft _draft = new();
    private JourneyDto? _journey;
    private JourneyChoices _choices = new([], []);
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private JourneyStats? _stats;
    private IReadOnlyList<JourneyPerson> _people = [];
    private bool _busy;
    private bool _choicesLoaded;
    private bool _following;
    private bool _missing;
    private Guid? _enrolSegmentId;

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private JourneyService Journeys { get; set; } = default!;

    [Inject]
    private JourneyQueries Queries { get; set; } = default!;

    /// <summary>
    /// Also runs when a new journey's first save moves the page to the journey's own address: the same component may be
    /// kept for the new route, so this (not initialization) loads the journey and starts following it.
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        var access = await AccessAsync();
        if (!_choicesLoaded)
        {
            (_choices, _choicesLoaded) = (await Journeys.ChoicesAsync(access), true);
        }

        if (Id is { } id)
        {
            var found = _journey?.Id == id ? _journey : (await Journeys.GetAsync(access, id)).Value;
            _missing = found is null;
            if (_journey?.Id != id && found is { } journey)
            {
                _journey = journey;
                _draft = JourneyDraft.From(System.Text.Json.JsonSerializer.Deserialize<JourneyDefinition>(journey.Definition, JourneyDefinition.Json) ?? new());
            }

            if (_journey?.Id == id && !_following)
            {
                _following = true;
                await FollowAsync();
            }
        }
        else if (_draft.Steps.Count == 0)
        {
            _draft.SegmentId = _choices.Segments.Count > 0 ? _choices.Segments[0].Id : null;
            _draft.AddAfter(null, JourneyStepTypes.SendEmail);
        }
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }

    private IEnumerable<string> GeneralErrors => _errors.Where(e => !e.Key.StartsWith("steps[", StringComparison.Ordinal)).SelectMany(e => e.Value);

    private IReadOnlyList<string> StepErrors(int index) =>
        [.. _errors.Where(e => e.Key == $"steps[{index}]" || e.Key.StartsWith($"steps[{index}].", StringComparison.Ordinal)).SelectMany(e => e.Value)];

    private List<string> ChoicesFor(StepDraft step) => [.. _draft.Steps.Where(s => s != step).Select(s => s.Id)];

    private void AddAfter(StepDraft? previous) => _draft.AddAfter(previous, JourneyStepTypes.Wait);

    private void Remove(StepDraft step) => _draft.Remove(step);

    private async Task<bool> SaveAsync()
    {
        _busy = true;
        try
        {
            var access = await AccessAsync();
            var definition = _draft.ToDefinition();
            var saved = _journey is null ? await Journeys.CreateAsync(access, definition) : await Journeys.UpdateAsync(access, _journey.Id, definition);
            _errors = saved.Errors ?? new Dictionary<string, string[]>();
            if (saved.Value is not { } journey)
            {
                Snackbar.Add(saved.Message ?? "The journey has problems; see the steps marked in red.", Severity.Error);
                return false;
            }

            _journey = journey;

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

    private async Task PublishAsync()
    {
        if (!await SaveAsync() || _journey is null)
        {
            return;
        }

        var published = await Journeys.PublishAsync(await AccessAsync(), _journey.Id);
        _errors = published.Errors ?? new Dictionary<string, string[]>();
        if (published.Value is { } journey)
        {
            _journey = journey;
            Snackbar.Add($"Live: version {journey.LiveVersion}. People its trigger enrols from now on go through it.", Severity.Success);
        }

        ShowSaved();
    }

    /// <summary>A journey made on the "new" page moves to its own address, which follows its progress.</summary>
    private void ShowSaved()
    {
        if (Id is null && _journey is { } journey)
        {
            Navigation.NavigateTo($"/marketing/journeys/{journey.Id}", replace: true);
        }
    }

    private async Task PauseAsync()
    {
        if (_journey is null || await Dialogs.ShowMessageBoxAsync("Pause the journey?", "Nobody enters it and nobody moves on until you publish it again.", yesText: "Pause", cancelText: "Cancel") != true)
        {
            return;
        }

        if ((await Journeys.PauseAsync(await AccessAsync(), _journey.Id)).Value is { } journey)
        {
            _journey = journey;
        }
    }

    private async Task EnrolAsync()
    {
        var segment = _choices.Segments.FirstOrDefault(s => s.Id == _enrolSegmentId);
        if (_journey is null || segment.Id == Guid.Empty
            || await Dialogs.ShowMessageBoxAsync("Enrol these people?", $"The members of “{segment.Name}” enter “{_journey.Name}” now.", yesText: "Enrol", cancelText: "Cancel") != true)
        {
            return;
        }

        var enrolled = await Journeys.EnrolAsync(await AccessAsync(), _journey.Id, new JourneyEnrolRequest(null, segment.Id));
        Snackbar.Add(enrolled.Value is { } result ? $"{result.Enrolled:N0} of {result.Requested:N0} people entered." : enrolled.Message ?? "They could not be enrolled.",
            enrolled.Value is null ? Severity.Error : Severity.Success);
        await LoadProgressAsync();
    }

    /// <summary>Loads the funnel and the people, then keeps them current while the page is open.</summary>
    private async Task FollowAsync()
    {
        await LoadProgressAsync();
        _ = RefreshEveryAsync(TimeSpan.FromSeconds(2), LoadProgressAsync, _closed.Token);
    }

    private async Task LoadProgressAsync()
    {
        if (_journey is null)
        {
            return;
        }

        var access = await AccessAsync();
        _stats = (await Queries.StatsAsync(access, _journey.Id, _closed.Token)).Value;
        _people = (await Queries.PeopleAsync(access, _journey.Id, null, 50, _closed.Token)).Value?.Items ?? [];
    }
}
