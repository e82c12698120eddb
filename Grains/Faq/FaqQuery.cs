using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Orbitalyntra.Faq;

/// <summary>
/// Turns a visitor's words into a Lucene query. Each word is one optional clause, the best of: its stem in the title
/// (boosted), the tags and category, the body; and, for words of five letters or more, the unstemmed word within one
/// edit (two from eight letters) in the title or body. Articles matching more of the words rank higher (coordination).
/// A word or phrase of a synonym group found in the question adds the group's other members as weaker clauses.
/// </summary>
public sealed class FaqQuery(FaqAnalysis analysis, IReadOnlyList<IReadOnlyList<string>> synonyms)
{
    public const string Title = "title";
    public const string Body = "body";
    public const string Keywords = "keywords";
    public const string TitlePlain = "title_plain";
    public const string BodyPlain = "body_plain";

    private const float TitleBoost = 3f;
    private const float KeywordsBoost = 2f;
    private const float FuzzyTitleBoost = 1.5f;
    private const float FuzzyBodyBoost = 0.5f;
    private const float SynonymBoost = 0.7f;
    private const int FuzzyFromLength = 5;
    private const int TwoEditsFromLength = 8;

    // Each synonym as the stems it analyses to, by group.
    private readonly List<List<string[]>> groups = synonyms
        .Select(group => group.Select(member => FaqAnalysis.Terms(analysis.Stemmed, member).ToArray()).Where(terms => terms.Length > 0).ToList())
        .Where(group => group.Count > 1)
        .ToList();

    /// <summary>The query for <paramref name="text"/>; null when nothing in it can be searched (only stop words).</summary>
    public Query? Build(string text)
    {
        var stems = FaqAnalysis.Terms(analysis.Stemmed, text);
        var words = FaqAnalysis.Terms(analysis.Plain, text);
        if (stems.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        for (var i = 0; i < stems.Count; i++)
        {
            var best = new DisjunctionMaxQuery(0.1f)
            {
                Boosted(new TermQuery(new Term(Title, stems[i])), TitleBoost),
                Boosted(new TermQuery(new Term(Keywords, stems[i])), KeywordsBoost),
                new TermQuery(new Term(Body, stems[i])),
            };

            // The two chains differ only by stemming, so the i-th word is the i-th stem's unstemmed form.
            if (words.Count == stems.Count && words[i].Length >= FuzzyFromLength)
            {
                var edits = words[i].Length >= TwoEditsFromLength ? 2 : 1;
                best.Add(Boosted(new FuzzyQuery(new Term(TitlePlain, words[i]), edits, prefixLength: 2), FuzzyTitleBoost));
                best.Add(Boosted(new FuzzyQuery(new Term(BodyPlain, words[i]), edits, prefixLength: 2), FuzzyBodyBoost));
            }

            query.Add(best, Occur.SHOULD);
        }

        foreach (var synonym in Synonyms(stems))
        {
            query.Add(Boosted(synonym, SynonymBoost), Occur.SHOULD);
        }

        return query;
    }

    private IEnumerable<Query> Synonyms(List<string> stems)
    {
        foreach (var group in groups)
        {
            if (!group.Any(member => Contains(stems, member)))
            {
                continue;
            }

            foreach (var member in group.Where(member => !Contains(stems, member)))
            {
                yield return new DisjunctionMaxQuery(0.1f) { Boosted(Phrase(Title, member), TitleBoost), Boosted(Phrase(Keywords, member), KeywordsBoost), Phrase(Body, member) };
            }
        }
    }

    private static Query Phrase(string field, string[] terms)
    {
        if (terms.Length == 1)
        {
            return new TermQuery(new Term(field, terms[0]));
        }

        // Stop words leave gaps in positions ("mot de passe" is mot, _, pass): a little slop lets phrases match across them.
        var phrase = new PhraseQuery { Slop = 2 };
        foreach (var term in terms)
        {
            phrase.Add(new Term(field, term));
        }

        return phrase;
    }

    private static bool Contains(List<string> stems, string[] member)
    {
        for (var start = 0; start + member.Length <= stems.Count; start++)
        {
            if (member.Select((term, i) => stems[start + i] == term).All(same => same))
            {
                return true;
            }
        }

        return false;
    }

    private static Query Boosted(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}
