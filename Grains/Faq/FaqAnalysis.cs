using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Orbitalyntra.Faq;

/// <summary>
/// How one language's text becomes terms. Both chains: standard tokens, elision (French l', d', qu'…) or English
/// possessives, lower case, accent folding, then stop words (folded too, with the words of questions added: "comment",
/// "how", "my"…). The stemmed chain then stems (French light stemmer, Porter for English): for matching forms of a word.
/// The plain chain does not: for forgiving typos, which stemming would hide ("remboursment" is one edit from
/// "remboursement", far from the stem "rembours").
/// </summary>
public sealed class FaqAnalysis : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly string[] FrenchQuestionWords =
    [
        "comment", "quoi", "pourquoi", "quand", "quel", "quelle", "quels", "quelles", "combien", "est", "puis", "peux", "peut", "pouvez",
        "faire", "fait", "faut", "dois", "doit", "veux", "voudrais", "souhaite", "bonjour", "merci", "svp", "ai", "j", "c", "mon", "ma", "mes",
    ];

    private static readonly string[] EnglishQuestionWords =
    [
        "how", "what", "why", "when", "where", "which", "who", "can", "could", "do", "does", "did", "i", "me", "my", "you", "your", "we",
        "our", "us", "should", "would", "please", "hi", "hello", "am", "get", "want", "need", "im", "i'm",
    ];

    public FaqAnalysis(string language)
    {
        Language = language;
        var stopWords = StopWords(language);
        Stemmed = new Chain(language, stopWords, stem: true);
        Plain = new Chain(language, stopWords, stem: false);
    }

    public string Language { get; }

    /// <summary>Stems: the fields <c>title</c>, <c>body</c>, <c>keywords</c>, and query terms.</summary>
    public Analyzer Stemmed { get; }

    /// <summary>Does not stem: the fields <c>title_plain</c>, <c>body_plain</c>, for fuzzy matching.</summary>
    public Analyzer Plain { get; }

    /// <summary>The terms of a text.</summary>
    public static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    public void Dispose()
    {
        Stemmed.Dispose();
        Plain.Dispose();
    }

    private static CharArraySet StopWords(string language)
    {
        var words = language == "fr"
            ? FrenchAnalyzer.DefaultStopSet.Select(Fold).Concat(FrenchQuestionWords)
            : EnglishAnalyzer.DefaultStopSet.Select(Fold).Concat(EnglishQuestionWords);
        return new CharArraySet(Version, words.ToList(), ignoreCase: true).AsReadOnly();
    }

    private static string Fold(object word)
    {
        var decomposed = (word is char[] chars ? new string(chars) : word.ToString()!).Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }

    private sealed class Chain(string language, CharArraySet stopWords, bool stem) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = language == "fr"
                ? new ElisionFilter(tokenizer, FrenchAnalyzer.DEFAULT_ARTICLES)
                : new EnglishPossessiveFilter(Version, tokenizer);
            stream = new LowerCaseFilter(Version, stream);
            stream = new ASCIIFoldingFilter(stream);
            stream = new StopFilter(Version, stream, stopWords);
            if (stem)
            {
                stream = language == "fr" ? new FrenchLightStemFilter(stream) : new PorterStemFilter(stream);
            }

            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
