using Orbitalyntra.Web.Chat;

namespace Orbitalyntra.Web.Apis;

// No <param> docs on this record: the OpenAPI document's generator would give the last one to the request body.
/// <summary>
/// What every handler of one conversation's routes takes, bound with <c>[AsParameters]</c>: the route's tenant and
/// conversation, the request (its caller, and its items, where the caller's admission is remembered for the request),
/// and the conversation commands, the same as the hub's.
/// </summary>
public readonly record struct ConversationRoute(string TenantId, string ConversationId, HttpContext Http, ConversationCommands Commands)
{
    /// <summary>The call as the commands take it.</summary>
    public ConversationCall Call => new(Http.User, TenantId, ConversationId, Http.Items);
}
