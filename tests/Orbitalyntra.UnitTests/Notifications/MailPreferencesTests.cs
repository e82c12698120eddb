using Orbitalyntra.Notifications;

namespace Orbitalyntra.UnitTests.Notifications;

/// <summary>Topics on until turned off, topics off until turned on, and what the one-click unsubscribe does to each.</summary>
public sealed class MailPreferencesTests
{
    [Fact]
    public void Preferences_stored_before_opt_in_topics_existed_want_the_usual_topics_and_none_of_the_opt_in_ones()
    {
        var stored = new MailPreferences(MailLanguages.French, []);
        Assert.True(stored.Wants(null));
        Assert.True(stored.Wants(MailTopic.ServiceUpdates));
        Assert.False(stored.Wants(MailTopic.AssignedWhileAway));
        Assert.False(stored.Wants(MailTopic.RetentionReports));
    }

    [Fact]
    public void A_topic_turned_on_is_wanted_until_its_unsubscribe_link_turns_it_off_and_the_others_are_untouched()
    {
        var preferences = new MailPreferences(MailLanguages.English, [MailTopic.DeadlineReminders], [MailTopic.AssignedWhileAway]);
        Assert.True(preferences.Wants(MailTopic.AssignedWhileAway));
        Assert.False(preferences.Wants(MailTopic.RetentionReports));
        Assert.False(preferences.Wants(MailTopic.DeadlineReminders));

        var unsubscribed = preferences.Without(MailTopic.AssignedWhileAway).Without(MailTopic.ServiceUpdates);
        Assert.False(unsubscribed.Wants(MailTopic.AssignedWhileAway));
        Assert.False(unsubscribed.Wants(MailTopic.ServiceUpdates));
        Assert.Equal([MailTopic.ServiceUpdates, MailTopic.DeadlineReminders], unsubscribed.OptedOut);
        Assert.Empty(unsubscribed.OptedIn!);
    }
}
