namespace CrmCdp.Web.Platform.Audit;

/// <summary>The audited actions. Record changes are named <c>crm.{record}.{created|updated|deleted|restored|merged}</c>.</summary>
internal static class AuditActions
{
    public const string SignInSucceeded = "auth.signin.succeeded";
    public const string SignInFailed = "auth.signin.failed";
    public const string SignOut = "auth.signout";
    public const string TwoFactorEnabled = "auth.twofactor.enabled";
    public const string TwoFactorDisabled = "auth.twofactor.disabled";
    public const string UserCreated = "admin.user.created";
    public const string UserUpdated = "admin.user.updated";
    public const string UserDeactivated = "admin.user.deactivated";
    public const string UserReactivated = "admin.user.reactivated";
    public const string PasswordReset = "admin.user.password_reset";
    public const string RoleCreated = "admin.role.created";
    public const string RoleDeleted = "admin.role.deleted";
    public const string RolePermissionsChanged = "admin.role.permissions_changed";
    public const string TeamChanged = "admin.team.changed";
    public const string QuotaChanged = "admin.quota.changed";
    public const string ApiKeyCreated = "admin.apikey.created";
    public const string ApiKeyRevoked = "admin.apikey.revoked";
    public const string Export = "crm.export";
    public const string Import = "crm.import";
    public const string AuditExported = "admin.audit.exported";
    public const string PiiRevealed = "privacy.pii.revealed";
    public const string SourceChanged = "cdp.source.changed";
    public const string DestinationChanged = "cdp.destination.changed";
    public const string JourneyChanged = "marketing.journey.changed";
    public const string CampaignChanged = "marketing.campaign.changed";
    public const string Unsubscribed = "marketing.unsubscribed";
    public const string TrackingPlanChanged = "cdp.tracking_plan.changed";
    public const string ProfileSplit = "cdp.profile.split";
    public const string IdentityRulesChanged = "cdp.identity_rules.changed";
    public const string SegmentCreated = "cdp.segment.created";
    public const string SegmentUpdated = "cdp.segment.updated";
    public const string SegmentDeleted = "cdp.segment.deleted";
    public const string SegmentActivationChanged = "cdp.segment.activation_changed";
    public const string SegmentExported = "cdp.segment.exported";
    public const string ComputedTraitChanged = "cdp.computed_trait.changed";
    public const string PrivacyRequestFiled = "privacy.request.filed";
    public const string PrivacyRequestCompleted = "privacy.request.completed";
    public const string PrivacyAccessDownloaded = "privacy.request.downloaded";
    public const string SuppressionLifted = "privacy.suppression.lifted";
    public const string EmailSettingsChanged = "admin.email.settings_changed";
    public const string FormChanged = "crm.form.changed";
    public const string EmailTemplateChanged = "email.template.changed";
    public const string EmailSent = "crm.email.sent";
    public const string UserInvited = "admin.user.invited";
    public const string InvitationAccepted = "auth.invitation.accepted";
    public const string PasswordResetRequested = "auth.password_reset.requested";
    public const string PasswordResetByLink = "auth.password_reset.completed";

    public static string RecordChange(string recordType, string lifecycleOrField) => lifecycleOrField switch
    {
        "created" or "deleted" or "restored" or "merged" => $"crm.{recordType.ToLowerInvariant()}.{lifecycleOrField}",
        _ => $"crm.{recordType.ToLowerInvariant()}.updated",
    };
}
