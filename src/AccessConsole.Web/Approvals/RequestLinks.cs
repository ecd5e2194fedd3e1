using AccessConsole.Web.Bulk.Jobs;

namespace AccessConsole.Web.Approvals;

/// <summary>Where a request is seen: a rule change on its rule's page, any other change on its job's page.</summary>
public static class RequestLinks
{
    public static string Of(JobOrigin origin, Guid jobId) => origin == JobOrigin.Rule ? $"/policies/requests/{jobId}" : $"/bulk/{jobId}";
}
