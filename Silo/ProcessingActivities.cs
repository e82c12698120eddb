using Microsoft.Extensions.DependencyInjection;
using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Chat;
using Orbitalyntra.Faq;
using Orbitalyntra.Integrations;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Visitors;

namespace Orbitalyntra.Silo;

/// <summary>
/// The processing activities of the records of processing (GDPR art. 30; docs/decisions/0040), declared once, next to the
/// holders' export sections and purge counts they cover: each names those by the holders' own constants and its lifetimes
/// by retention kind, so the records follow the code and the tenant's policy. A holder whose section or count no activity
/// declares shows in the records as undeclared (and fails <c>ProcessingRecordsTests</c>).
/// </summary>
public static class ProcessingActivities
{
    private const string Staff = "the organisation's agents and administrators";

    public static readonly IReadOnlyList<ProcessingActivity> All =
    [
        new("conversations",
            new("Répondre aux questions des visiteurs et des contacts (chat, messages, fichiers, notes internes).",
                "Answering visitors' and contacts' questions (chat, messages, files, private notes)."),
            "art. 6(1)(b) steps taken at the person's request; 6(1)(f) the organisation's legitimate interest in its support history",
            [PersonKind.Visitor, PersonKind.Contact, PersonKind.Agent, PersonKind.Administrator],
            ["messages and files (sealed with their author's key)", "name and e-mail address a visitor gives", "conversation status, assignee, times"],
            [RetentionKind.Conversation], null,
            [Staff, "the visitor (their own conversations, transcripts by mail)"], null,
            [ExportedConversation.Section], [.. ConversationGrain.PurgeCounters]),
        new("visitor-analytics",
            new("Mesurer les visites du site de l'organisation (pages vues, temps passé), avec le consentement du visiteur, et compter sans identifiant en mode sans cookie.",
                "Measuring visits to the organisation's site (pages viewed, time on page), with the visitor's consent, and counting without an identifier in the cookieless mode."),
            "art. 6(1)(a) consent (analytics); aggregated counts of anonymous views under 6(1)(f)",
            [PersonKind.Visitor],
            ["page paths, referrer host, times", "device families and truncated network address", "daily aggregated counters (anonymous)"],
            [RetentionKind.VisitorSession, RetentionKind.PageViews, RetentionKind.DeviceData, RetentionKind.Analytics], null,
            [Staff + " (sessions of a conversation's visitor; aggregates)"], ConsentPurpose.Analytics,
            [VisitorSession.ExportSection], [.. VisitorSessionGrain.PurgeCounters, AnalyticsDayGrain.DaysCounter]),
        new("faq-improvement",
            new("Améliorer l'assistant FAQ à partir des questions restées sans réponse, avec le consentement du visiteur.",
                "Improving the FAQ assistant from the questions it could not answer, with the visitor's consent."),
            "art. 6(1)(a) consent (faqImprovement); effectiveness counts without personal data",
            [PersonKind.Visitor],
            ["questions the assistant could not answer (sealed)", "daily counts per article"],
            [RetentionKind.FaqQuestions, RetentionKind.Analytics], null,
            [Staff], ConsentPurpose.FaqImprovement,
            [FaqQuestionsGrain.Section], [FaqQuestionsGrain.Section, FaqEffectivenessDayGrain.DaysCounter]),
        new("accounts",
            new("Gérer les comptes des agents et des administrateurs de l'organisation (connexion, rôles, préférences).",
                "Managing the organisation's agents' and administrators' accounts (sign-in, roles, preferences)."),
            "art. 6(1)(b) the contract with the organisation",
            [PersonKind.Agent, PersonKind.Administrator],
            ["name and e-mail address (sealed)", "password hash", "role, mail language and opt-outs", "their own entries of the audit trail"],
            [], "while the account exists; erased on request or with the organisation's closure",
            [Staff + " (names of colleagues)", "the platform's operators (platform notices)"], null,
            [AgentGrain.AccountSection, AgentGrain.ActionsSection], []),
        new("mail",
            new("Envoyer le courrier : confirmations d'adresse, transcriptions, réponses, rappels d'échéance, avis de la plateforme.",
                "Sending mail: address confirmations, transcripts, replies, deadline reminders, platform notices."),
            "art. 6(1)(b) for what the person asked for; 6(1)(c) for notices of policy changes",
            [PersonKind.Visitor, PersonKind.Contact, PersonKind.Agent, PersonKind.Administrator],
            ["mail waiting and the sent-mail log, by opaque id (the address is resolved at send time)"],
            [RetentionKind.Audit], "the sent-mail log: the shorter of Notifications:LogLifetime and the audit lifetime",
            ["the e-mail relay (a sub-processor)"], null,
            [], [NotificationOutboxGrain.LogEntriesCounter]),
        new("crm-sync",
            new("Transmettre les événements des conversations aux adresses de webhook de l'organisation (CRM), avec le consentement de la personne.",
                "Sending conversation events to the organisation's webhook endpoints (CRM), with the person's consent."),
            "art. 6(1)(a) consent (crmSync)",
            [PersonKind.Visitor, PersonKind.Contact],
            ["event ids, delivery statuses and HTTP statuses (the payloads are not kept)"],
            [], "30 days (Integrations:Webhooks:LogLifetime), at most 5,000 entries",
            ["the webhook endpoints the organisation configures"], ConsentPurpose.CrmSync,
            [], [WebhookLogGrain.LogEntriesCounter]),
        new("visitor-bans",
            new("Protéger le chat de l'organisation contre les abus : bannir un visiteur, ou aussi son réseau, pour une durée limitée.",
                "Protecting the organisation's chat from abuse: banning a visitor, or their network too, for a limited time."),
            "art. 6(1)(f) the organisation's legitimate interest in a chat free of abuse",
            [PersonKind.Visitor],
            ["the banned visitor's id, who banned and until when, the optional reason",
                "a keyed hash of the network (IPv4 /24, IPv6 /64) a visitor last started a conversation from, never the address"],
            [], "until the ban ends, at most 30 days; an erased visitor's id and reason leave the ban at once, a network ban runs to its end",
            [Staff], null,
            [Bans.VisitorBan.ExportSection], []),
        new("rights-and-audit",
            new("Traiter les demandes des personnes (accès, rectification, effacement…) et tenir le journal d'audit qui les prouve.",
                "Handling people's requests (access, rectification, erasure…) and keeping the audit trail that proves them."),
            "art. 6(1)(c) legal obligation (GDPR art. 5(2), 12, 30)",
            [PersonKind.Visitor, PersonKind.Contact, PersonKind.Agent, PersonKind.Administrator],
            ["requests with their deadlines", "audit entries: who did what to whose data, by opaque id", "the consent ledger"],
            [RetentionKind.Audit], null,
            [Staff + " (administrators)", "the platform's operators (legal holds)"], null,
            [], [AuditTrailGrain.AuditEntriesCounter, PrivacyRequestsGrain.ClosedRequestsCounter]),
    ];

    /// <summary>Registers every activity for the records of processing.</summary>
    public static IServiceCollection AddProcessingActivities(this IServiceCollection services)
    {
        foreach (var activity in All)
        {
            services.AddSingleton(activity);
        }

        return services;
    }
}
