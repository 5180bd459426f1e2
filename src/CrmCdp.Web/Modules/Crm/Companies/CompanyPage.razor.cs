using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Timeline;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Companies;

public partial class CompanyPage
{
    private bool _loading = true;
    private CompanyDto? _company;
    private IReadOnlyList<ContactDto> _contacts = [];
    private IReadOnlyList<TimelineItem> _timeline = [];
    private IReadOnlyList<CrmCdp.Web.Modules.Crm.CustomFields.CustomFieldDto> _customFields = [];

    [Parameter]
    public Guid Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync();
        if (_company is not null)
        {
            await RecentViews.RecordAsync(await AccessAsync(), CrmRecordType.Company, Id);
        }

        _loading = false;
    }

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _company = (await Companies.GetAsync(access, Id)).Value;
        if (_company is null)
        {
            return;
        }

        _customFields = await CustomFieldDefinitions.ListAsync(await AccessAsync(), CrmCdp.Web.Modules.Crm.CustomFields.CustomFieldTarget.Company);
        _contacts = (await ContactQueries.PageAsync(access, new ContactFilter(CompanyId: Id), ContactSort.Name, false, 0, 50)).Items;
        _timeline = [.. (await Timeline.ForRecordAsync(await AccessAsync(), CrmRecordType.Company, Id)).OrderByDescending(i => i.At)];
    }

    private async Task LogAsync(string kind)
    {
        var parameters = new DialogParameters<ActivityDialog> { { d => d.ActivityKind, kind }, { d => d.CompanyId, Id } };
        if (await (await Dialogs.ShowAsync<ActivityDialog>(kind == "call" ? "Log call" : "Add note", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true })).Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<CompanyDialog> { { d => d.Company, _company } };
        if (await (await Dialogs.ShowAsync<CompanyDialog>("Edit company", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true })).Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete company?", $"{_company?.Name} moves to the recycle bin; an administrator can restore it.", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Companies.DeleteAsync(await AccessAsync(), Id);
        Snackbar.Add(result.Outcome == OperationOutcome.Ok ? "Company deleted." : result.Message ?? "Could not delete.", result.Outcome == OperationOutcome.Ok ? Severity.Success : Severity.Error);
        if (result.Outcome == OperationOutcome.Ok)
        {
            Navigation.NavigateTo("/crm/companies");
        }
    }
}
