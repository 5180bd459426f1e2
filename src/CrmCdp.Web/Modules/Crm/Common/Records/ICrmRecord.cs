namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>A CRM record the shared flows work on: owned (record scopes apply), versioned (a concurrent edit is detected), deleted softly.</summary>
internal interface ICrmRecord : IOwnedRecord
{
    Guid Id { get; }

    uint Version { get; }

    DateTimeOffset? DeletedAt { get; set; }
}
