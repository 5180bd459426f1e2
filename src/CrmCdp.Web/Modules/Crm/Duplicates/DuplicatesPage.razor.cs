using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

public partial class DuplicatesPage
{
    private IReadOnlyList<DuplicatePair>? _pairs;
    private IReadOnlyList<CompanyDuplicatePair> _companyPairs = [];

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _pairs = await Finder.FindAsync(access);
        _companyPairs = await CompanyMerger.FindAsync(access);
    }

    private async Task MergeCompaniesAsync(CompanyDto keep, CompanyDto other)
    {
        if (await Dialogs.ShowMessageBoxAsync("Merge companies?",
                $"{other.Name} will be merged into {keep.Name}: its people, activities and tasks move over, and {other.Name} is deleted.",
                yesText: "Merge", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await CompanyMerger.MergeAsync(await AccessAsync(), new MergeRequest { SurvivorId = keep.Id, MergedId = other.Id });
        Snackbar.Add(result.Outcome == OperationOutcome.Ok ? $"Merged into {keep.Name}." : result.Message ?? "The merge failed.",
            result.Outcome == OperationOutcome.Ok ? Severity.Success : Severity.Error);
        _companyPairs = await CompanyMerger.FindAsync(await AccessAsync());
    }

    private async Task MergeAsync(ContactDto keep, ContactDto other)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Merge contacts?",
            $"{other.FullName} will be merged into {keep.FullName}: activities, tasks, emails, phones and tags move over, and {other.FullName} is deleted.",
            yesText: "Merge", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Merger.MergeAsync(await AccessAsync(), new MergeRequest { SurvivorId = keep.Id, MergedId = other.Id });
        Snackbar.Add(result.Outcome == OperationOutcome.Ok ? $"Merged into {keep.FullName}." : result.Message ?? "The merge failed.",
            result.Outcome == OperationOutcome.Ok ? Severity.Success : Severity.Error);
        _pairs = await Finder.FindAsync(await AccessAsync());
    }
}
