using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

/// <summary>Upload → mapping and preview → import with a progress bar → report.</summary>
public partial class ImportContactsPage
{
    private ImportUpload? _upload;
    private Dictionary<string, string> _mapping = [];
    private IReadOnlyList<ImportPreviewRow> _preview = [];
    private ImportMode _mode = ImportMode.CreateOrUpdate;
    private ImportProgress? _progress;
    private string? _error;
    private bool _busy;
    private PeriodicTimer? _poll;

    [Inject]
    private ContactImportService Imports { get; set; } = default!;

    private double Percent => _progress is { TotalRows: > 0 } p ? 100.0 * p.ProcessedRows / p.TotalRows : _progress?.Status == ImportStatus.Completed ? 100 : 0;

    private string StatusText => _progress?.Status switch
    {
        ImportStatus.Queued => "waiting for a worker…",
        ImportStatus.Running => "importing…",
        ImportStatus.Completed => "done",
        ImportStatus.Failed => "failed",
        _ => "",
    };

    public void Dispose()
    {
        _poll?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        _error = null;
        if (file.Size > ContactImportService.MaxFileBytes)
        {
            _error = "The file is larger than 50 MB. Split it into smaller files.";
            return;
        }

        _busy = true;
        try
        {
            await using var stream = file.OpenReadStream(ContactImportService.MaxFileBytes);
            var result = await Imports.UploadAsync(await AccessAsync(), file.Name, stream);
            if (result.Value is not { } upload)
            {
                _error = result.Message;
                return;
            }

            _upload = upload;
            _mapping = new Dictionary<string, string>(upload.SuggestedMapping);
            await RefreshPreviewAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task Map(string header, string field)
    {
        _mapping[header] = field;
        await RefreshPreviewAsync();
    }

    private async Task RefreshPreviewAsync() => _preview = _upload is null ? [] : await Imports.PreviewAsync(await AccessAsync(), _upload.Id, _mapping);

    private async Task StartAsync()
    {
        if (_upload is null)
        {
            return;
        }

        _busy = true;
        if (!await Imports.StartAsync(await AccessAsync(), _upload.Id, _mapping, _mode))
        {
            _error = "This file has already been imported. Choose the file again to import it once more.";
            _busy = false;
            return;
        }

        _progress = await Imports.ProgressAsync(await AccessAsync(), _upload.Id);
        _busy = false;
        _ = PollAsync(_upload.Id);
    }

    private async Task PollAsync(Guid id)
    {
        _poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await _poll.WaitForNextTickAsync())
        {
            _progress = await Imports.ProgressAsync(await AccessAsync(), id);
            await InvokeAsync(StateHasChanged);
            if (_progress?.Status is ImportStatus.Completed or ImportStatus.Failed)
            {
                break;
            }
        }
    }

    private void Reset()
    {
        _poll?.Dispose();
        _upload = null;
        _progress = null;
        _preview = [];
        _error = null;
    }
}
