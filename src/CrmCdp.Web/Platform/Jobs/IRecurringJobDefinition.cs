using Hangfire;

namespace CrmCdp.Web.Platform.Jobs;

/// <summary>A module's recurring job; all are (re)registered at start-up.</summary>
internal interface IRecurringJobDefinition
{
    void Register(IRecurringJobManager jobs);
}
