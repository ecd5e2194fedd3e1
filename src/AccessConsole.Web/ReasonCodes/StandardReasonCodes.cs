namespace AccessConsole.Web.ReasonCodes;

/// <summary>The reason codes every new database starts with (those of the product design).</summary>
public static class StandardReasonCodes
{
    public const string CompetingProduct = "terms-competing-product";
    public const string ModelTraining = "terms-model-training";
    public const string Resale = "terms-resale";
    public const string UnauthorizedClient = "unauthorized-client";
    public const string Capacity = "capacity";
    public const string Abuse = "abuse-excessive-usage";
    public const string KeyExposed = "security-key-exposed";
    public const string NonPayment = "non-payment";
    public const string CustomerRequest = "customer-request";
    public const string DisputeResolved = "dispute-resolved";
    public const string Other = "other";

    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        (CompetingProduct, "Terms — competing product"),
        (ModelTraining, "Terms — model training"),
        (Resale, "Terms — resale"),
        (UnauthorizedClient, "Unauthorized client"),
        (Capacity, "Capacity"),
        (Abuse, "Abuse or excessive usage"),
        (KeyExposed, "Security — key exposed"),
        (NonPayment, "Non-payment"),
        (CustomerRequest, "Customer request"),
        (DisputeResolved, "Dispute resolved"),
        (Other, "Other"),
    ];
}
