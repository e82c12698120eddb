using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>The operators' sign-in: a session cookie that opens the Orleans Dashboard at <c>/dashboard</c>.</summary>
public static class OperatorsApi
{
    public sealed record OperatorSignIn(string? Name, string? Password);

    public static IEndpointRouteBuilder MapOperatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/operators/sessions", SignIn).WithTags("Operators")
            .AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("Sign an operator in (configured accounts only); the session cookie opens /dashboard.");
        return app;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SignIn(
        OperatorSignIn request, HttpContext http, OperatorAccounts operators)
    {
        var rules = new AccountRules().Text("name", request.Name, OperatorAccounts.MaxNameLength).Text("password", request.Password, OperatorAccounts.MaxPasswordLength);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The sign-in is not valid.");
        }

        if (!operators.Verify(request.Name!, request.Password!))
        {
            return Problems.Unauthorized("The name or the password is wrong.");
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, OperatorAccounts.Principal(CookieAuthenticationDefaults.AuthenticationScheme, request.Name!));
        return TypedResults.NoContent();
    }
}
