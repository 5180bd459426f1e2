using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.RecycleBin;

public partial class RecycleBinPage
{
    private IReadOnlyList<DeletedRecord>? _records;

    protected override async Task OnInitializedAsync() => _records = await Bin.ListAsync(await AccessAsync());

    private async Task RestoreAsync(DeletedRecord record)
    {
        var access = await AccessAsync();
        var outcome = record.Type == "contact" ? (await Contacts.RestoreAsync(access, record.Id)).Outcome : (await Companies.RestoreAsync(access, record.Id)).Outcome;
        Snackbar.Add(outcome == OperationOutcome.Ok ? $"{record.Name} restored." : "The record could not be restored.", outcome == OperationOutcome.Ok ? Severity.Success : Severity.Error);
        _records = await Bin.ListAsync(await AccessAsync());
    }
}
