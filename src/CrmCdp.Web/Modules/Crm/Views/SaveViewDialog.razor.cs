using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Views;

public partial class SaveViewDialog
{
    private string? _name;
    private bool _shared;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    private void Save()
    {
        if (string.IsNullOrWhiteSpace(_name) || _name.Trim().Length > 100)
        {
            _error = "Give the view a name of 1 to 100 characters.";
            return;
        }

        Dialog.Close(DialogResult.Ok((_name.Trim(), _shared)));
    }
}
