using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Calendar;

/// <summary>Makes, shows once and revokes the person's calendar feed address.</summary>
public partial class CalendarFeedCard
{
    private CalendarFeedDto? _status;
    private string? _url;

    [Inject]
    private CalendarFeeds Feeds { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _status = await Feeds.StatusAsync(await AccessAsync());

    private async Task CreateAsync()
    {
        if (_status?.Active == true && await Dialogs.ShowMessageBoxAsync("Make a new address?",
                "The current address stops working: calendars subscribed to it must subscribe to the new one.", yesText: "New address", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Feeds.CreateAsync(await AccessAsync(), Navigation.BaseUri);
        (_status, _url) = (result.Value, result.Value?.Url);
    }

    private async Task RevokeAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Stop sharing your calendar?", "The address stops working at once.", yesText: "Stop sharing", cancelText: "Cancel") != true)
        {
            return;
        }

        await Feeds.RevokeAsync(await AccessAsync());
        (_status, _url) = (new CalendarFeedDto(false, null, null), null);
        Snackbar.Add("Your calendar address no longer works.", Severity.Info);
    }
}
