using System.Security.Claims;

namespace Orbitalyntra.Web.Chat;

/// <summary>A caller's command addressed to one conversation, as a route or a hub call names it.</summary>
/// <param name="Caller">Who calls; a message's author is always the caller.</param>
/// <param name="TenantId">The tenant, as given.</param>
/// <param name="ConversationId">The conversation, as given; checked before any grain call.</param>
/// <param name="Admissions">
/// Where the conversations the caller was let into are remembered for as long as the caller cannot change: a hub
/// connection's items (a connection's identity and a conversation's owner never change), or one HTTP request's. The
/// access check then runs once per connection and conversation, not on every message.
/// </param>
public sealed record ConversationCall(ClaimsPrincipal Caller, string TenantId, string ConversationId, IDictionary<object, object?> Admissions);
