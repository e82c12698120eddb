using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// The sign-in answers of an account with a second factor (docs/decisions/0053): 401 with <c>secondFactor</c> saying
/// what the client should ask for next — <c>code</c>, or <c>enrollment</c> with the secret to set up.
/// </summary>
public static class SecondFactorProblems
{
    public static ProblemHttpResult CodeNeeded(string? codeGiven) => TypedResults.Problem(
        codeGiven is null
            ? "Enter the 6-digit code your authenticator app shows for this account."
            : "The code is wrong or was already used: enter the code your authenticator app shows now.",
        statusCode: StatusCodes.Status401Unauthorized,
        title: "A sign-in code is needed.",
        extensions: new Dictionary<string, object?> { ["secondFactor"] = "code" });

    public static ProblemHttpResult EnrollmentNeeded(string? codeGiven, SecondFactorEnrollment enrollment) => TypedResults.Problem(
        (codeGiven is null ? "" : "The code is wrong or was already used. ")
            + "Your organisation requires two-step sign-in of administrators: add this secret to an authenticator app, then sign in again with the code it shows.",
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Two-step sign-in must be set up.",
        extensions: new Dictionary<string, object?> { ["secondFactor"] = "enrollment", ["enrollment"] = enrollment });
}
