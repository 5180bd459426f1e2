using Microsoft.AspNetCore.Components;
using MudBlazor;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// The visual segment builder: name, condition tree, consent category and activation, with a live count of the
/// audience as conditions change; an existing segment also shows its entries and exits, activations and members.
/// </summary>
public sealed partial class SegmentEditorPage : IDisposable
{
    private static readonly string[] KnownConsentCategories = ["email", "sms", "Advertising", "Analytics", "Functional", "Personalization"];

    private List<BreadcrumbItem> _crumbs = [];
    private SegmentCondition _definition = NewDefinition();
    private IReadOnlyList<SegmentDto> _otherSegments = [];
    private IReadOnlyList<string> _computedKeys = [];
    private SegmentVocabularyNames _vocabulary = new([], []);
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string _name = "";
    private string? _description;
    private string? _consentCategory;
    private bool _activationEnabled;
    private string _taskTitle = SegmentService.DefaultTaskTitle;
    private int _taskDueInDays = 1;
    private uint? _version;
    private SegmentPreview? _preview;
    private string _previewHint = "Complete the conditions to see how many profiles match.";
    private CancellationTokenSource? _previewDelay;
    private string? _message;
    private bool _failed;
    private bool _loading = true;
    private bool _notFound;
    private bool _saving;
    private bool _previewing;
    private bool _canManage;
    private bool _canExport;
    private bool _canActivate;
    private int _refreshCount;
    private int _previewSequence;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private SegmentService Segments { get; set; } = default!;

    [Inject]
    private SegmentQueries Queries { get; set; } = default!;

    [Inject]
    private ComputedTraitService ComputedTraits { get; set; } = default!;

    [Inject]
    private SegmentVocabulary Vocabulary { get; set; } = default!;

    private bool IsNew => Id == Guid.Empty;

    private bool _isStatic;
    private long _memberCount;

    private double PreviewShare => _preview is { LiveProfiles: > 0 } p ? Math.Min(100, 100.0 * p.Count / p.LiveProfiles) : 0;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        (_notFound, _message, _errors, _preview) = (false, null, new Dictionary<string, string[]>(), null);
        var access = await AccessAsync();
        (_canManage, _canExport, _canActivate) = (access.Has(Permissions.Cdp.SegmentsManage), access.Has(Permissions.Cdp.SegmentsExport), access.Has(Permissions.Cdp.ActivationsManage));
        _computedKeys = [.. (await ComputedTraits.ListAsync(await AccessAsync())).Select(t => t.Key)];
        _otherSegments = [.. (await Segments.ListAsync(await AccessAsync())).Where(s => s.Id != Id)];
        _vocabulary = await Vocabulary.NamesAsync(await AccessAsync());
        if (IsNew)
        {
            (_isStatic, _memberCount) = (false, 0);
            (_name, _description, _consentCategory, _activationEnabled, _version) = ("", null, null, false, null);
            _definition = NewDefinition();
        }
        else if ((await Segments.GetAsync(await AccessAsync(), Id)).Value is { } segment)
        {
            Show(segment);
            if (!_isStatic)
            {
                await PreviewAsync(showErrors: false);
            }
        }
        else
        {
            _notFound = true;
        }

        _crumbs = [new("Segments", "/cdp/segments"), new(IsNew ? "New" : _name, null, disabled: true)];
        _loading = false;
    }

    private static SegmentCondition NewDefinition() => SegmentCondition.All(ConditionEditor.NewOfKind(ConditionTypes.Trait, []));

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void Show(SegmentDto segment)
    {
        (_name, _description, _consentCategory, _activationEnabled) = (segment.Name, segment.Description, segment.ConsentCategory, segment.ActivationEnabled);
        (_taskTitle, _taskDueInDays, _version) = (segment.TaskTitle, segment.TaskDueInDays, segment.Version);
        (_isStatic, _memberCount) = (segment.IsStatic, segment.MemberCount);
        // The builder edits groups; a saved tree whose root is a single condition is shown inside an "all" group.
        _definition = segment.Definition.Type is ConditionTypes.And or ConditionTypes.Or ? segment.Definition.Clone() : SegmentCondition.All(segment.Definition.Clone());
    }

    private static Task<IEnumerable<string>> ConsentCategoriesAsync(string? typed, CancellationToken cancellationToken) =>
        Task.FromResult(KnownConsentCategories.Where(c => string.IsNullOrEmpty(typed) || c.Contains(typed, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Counts again once the marketer stops changing conditions for a moment.</summary>
    private async Task DefinitionChangedAsync()
    {
        _previewDelay?.Cancel();
        _previewDelay?.Dispose();
        _previewDelay = new CancellationTokenSource();
        var token = _previewDelay.Token;
        try
        {
            await Task.Delay(600, token);
            await PreviewAsync(showErrors: false);
        }
        catch (TaskCanceledException)
        {
            // A newer change restarted the wait.
        }
    }

    private async Task PreviewAsync(bool showErrors)
    {
        var sequence = ++_previewSequence;
        _previewing = true;
        StateHasChanged();
        OperationResult<SegmentPreview> result;
        try
        {
            // A copy: the marketer may go on editing while the count runs.
            var (definition, pathBack) = BlankRows.Prune(_definition);
            result = await Queries.PreviewAsync(await AccessAsync(), definition, IsNew ? null : Id);
            result = result.Errors is { } problems ? OperationResult<SegmentPreview>.Invalid(problems.ToDictionary(p => pathBack(p.Key), p => p.Value)) : result;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            if (sequence == _previewSequence)
            {
                (_previewing, _preview, _previewHint) = (false, null, "The audience could not be counted just now; try Count now again.");
                StateHasChanged();
            }

            return;
        }

        if (sequence != _previewSequence)
        {
            return;
        }

        _previewing = false;
        _preview = result.Value;
        if (result.Errors is { Count: > 0 } errors)
        {
            _previewHint = $"Complete the conditions to see how many profiles match ({errors.Count} to fix).";
            if (showErrors)
            {
                _errors = errors;
            }
        }
        else if (showErrors || _errors.Keys.Any(k => k.StartsWith("definition", StringComparison.Ordinal)))
        {
            _errors = _errors.Where(e => !e.Key.StartsWith("definition", StringComparison.Ordinal)).ToDictionary();
        }

        StateHasChanged();
    }

    private async Task SaveAsync()
    {
        if (!_canManage)
        {
            return;
        }

        _saving = true;
        var (definition, pathBack) = BlankRows.Prune(_definition);
        var input = new SegmentInput
        {
            Name = _name,
            Description = _description,
            Definition = definition,
            ConsentCategory = _consentCategory,
            ActivationEnabled = _activationEnabled,
            TaskTitle = _taskTitle,
            TaskDueInDays = _taskDueInDays,
            Version = _version,
        };
        var result = IsNew ? await Segments.CreateAsync(await AccessAsync(), input) : await Segments.UpdateAsync(await AccessAsync(), Id, input);
        _saving = false;
        _errors = result.Errors?.ToDictionary(p => pathBack(p.Key), p => p.Value) ?? new Dictionary<string, string[]>();
        _failed = result.Value is null;
        if (result.Value is not { } saved)
        {
            _message = result.Message ?? "The segment was not saved; see the messages above.";
            return;
        }

        _message = null;
        Snackbar.Add($"Saved {saved.Name}. Its members are being computed.", Severity.Success);
        if (IsNew)
        {
            Navigation.NavigateTo($"/cdp/segments/{saved.Id}");
            return;
        }

        Show(saved);
        _refreshCount++;
    }

    private async Task DeleteAsync()
    {
        if (!_canManage)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete segment?",
            $"{_name} is deleted with its members and entry history. CRM tasks it already created stay. This cannot be undone.",
            yesText: "Delete",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Segments.DeleteAsync(await AccessAsync(), Id);
        if (result.Value)
        {
            Snackbar.Add($"Deleted {_name}.", Severity.Success);
            Navigation.NavigateTo("/cdp/segments");
            return;
        }

        (_failed, _message) = (true, result.Message ?? "The segment was not deleted.");
    }

    /// <summary>The definition as it stands in the builder, in plain words.</summary>
    private string Summary => SegmentSummary.Describe(_definition, _otherSegments.ToDictionary(s => s.Id, s => s.Name));

    private async Task DuplicateAsync()
    {
        var result = await Segments.DuplicateAsync(await AccessAsync(), Id);
        if (result.Value is { } copy)
        {
            Snackbar.Add($"Created {copy.Name}, with activation off.", Severity.Success);
            Navigation.NavigateTo($"/cdp/segments/{copy.Id}");
            return;
        }

        (_failed, _message) = (true, result.Message ?? "The segment was not copied.");
    }

    public void Dispose()
    {
        _previewDelay?.Cancel();
        _previewDelay?.Dispose();
    }
}
