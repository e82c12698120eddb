using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace Orbitalyntra.Faq;

/// <summary>
/// One language's Lucene index of a tenant's published articles, in memory, at a change number of the knowledge base,
/// with the synonyms it searches with. <see cref="Save"/> and <see cref="Load"/> turn it into bytes and back: the index
/// files as they are after a commit, so that loading costs a copy, not a rebuild.
/// </summary>
public sealed class FaqIndex : IDisposable
{
    private const string IdField = "id";
    private const string TitleText = "title_text";
    private const string SnippetText = "snippet";

    // "OLYFAQ" and the format's number: a format this code does not know is rebuilt, never misread.
    private const string Magic = "OLYFAQ";
    private const int Format = 1;

    private readonly RAMDirectory directory;
    private readonly FaqAnalysis analysis;
    private readonly IndexWriter writer;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private FaqQuery queries;

    private FaqIndex(string language, RAMDirectory directory, long changeNumber, IReadOnlyList<IReadOnlyList<string>> synonyms, OpenMode mode)
    {
        this.directory = directory;
        analysis = new FaqAnalysis(language);
        var fields = new PerFieldAnalyzerWrapper(
            analysis.Stemmed, new Dictionary<string, Analyzer> { [FaqQuery.TitlePlain] = analysis.Plain, [FaqQuery.BodyPlain] = analysis.Plain });
        writer = new IndexWriter(directory, new IndexWriterConfig(FaqAnalysis.Version, fields) { OpenMode = mode });
        if (mode == OpenMode.CREATE)
        {
            writer.Commit();
        }

        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader);
        queries = new FaqQuery(analysis, synonyms);
        ChangeNumber = changeNumber;
        Synonyms = synonyms;
    }

    /// <summary>The knowledge base's change number this index reflects.</summary>
    public long ChangeNumber { get; private set; }

    public IReadOnlyList<IReadOnlyList<string>> Synonyms { get; private set; }

    public int Count => reader.NumDocs;

    /// <summary>A new index of the snapshot's articles.</summary>
    public static FaqIndex Build(string language, FaqIndexSnapshot snapshot)
    {
        var index = new FaqIndex(language, new RAMDirectory(), snapshot.ChangeNumber, snapshot.Synonyms, OpenMode.CREATE);
        index.Apply(new FaqIndexChange(snapshot.ChangeNumber, snapshot.ChangeNumber, snapshot.Articles, [], snapshot.Synonyms));
        return index;
    }

    /// <summary>An index from what <see cref="Save"/> wrote; null when the bytes are not of this format (it is then rebuilt).</summary>
    public static FaqIndex? Load(string language, byte[] saved)
    {
        using var input = new BinaryReader(new MemoryStream(saved), Encoding.UTF8);
        if (saved.Length < Magic.Length + 1 || input.ReadString() != Magic || input.ReadInt32() != Format)
        {
            return null;
        }

        var changeNumber = input.ReadInt64();
        var synonyms = Enumerable.Range(0, input.ReadInt32())
            .Select(_ => (IReadOnlyList<string>)Enumerable.Range(0, input.ReadInt32()).Select(_ => input.ReadString()).ToList())
            .ToList();
        var directory = new RAMDirectory();
        for (var files = input.ReadInt32(); files > 0; files--)
        {
            var name = input.ReadString();
            var bytes = input.ReadBytes(input.ReadInt32());
            using var output = directory.CreateOutput(name, IOContext.DEFAULT);
            output.WriteBytes(bytes, 0, bytes.Length);
        }

        return new FaqIndex(language, directory, changeNumber, synonyms, OpenMode.APPEND);
    }

    /// <summary>The committed index files, the change number and the synonyms, as bytes.</summary>
    public byte[] Save()
    {
        using var bytes = new MemoryStream();
        using (var output = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            output.Write(Magic);
            output.Write(Format);
            output.Write(ChangeNumber);
            output.Write(Synonyms.Count);
            foreach (var group in Synonyms)
            {
                output.Write(group.Count);
                foreach (var member in group)
                {
                    output.Write(member);
                }
            }

            var names = directory.ListAll();
            output.Write(names.Length);
            foreach (var name in names)
            {
                using var file = directory.OpenInput(name, IOContext.READ_ONCE);
                var content = new byte[file.Length];
                file.ReadBytes(content, 0, content.Length);
                output.Write(name);
                output.Write(content.Length);
                output.Write(content);
            }
        }

        return bytes.ToArray();
    }

    /// <summary>Adds or replaces the upserted articles, removes the removed ones, takes the synonyms and change number.</summary>
    public void Apply(FaqIndexChange change)
    {
        foreach (var removed in change.Removed)
        {
            writer.DeleteDocuments(new Term(IdField, removed.ToString("N")));
        }

        foreach (var article in change.Upserted)
        {
            writer.UpdateDocument(new Term(IdField, article.ArticleId.ToString("N")), Document(article));
        }

        writer.Commit();
        var changed = DirectoryReader.OpenIfChanged(reader);
        if (changed is not null)
        {
            reader.Dispose();
            reader = changed;
            searcher = new IndexSearcher(reader);
        }

        if (!ReferenceEquals(Synonyms, change.Synonyms))
        {
            Synonyms = change.Synonyms;
            queries = new FaqQuery(analysis, change.Synonyms);
        }

        ChangeNumber = change.To;
    }

    /// <summary>The best <paramref name="max"/> articles for the query, best first.</summary>
    public IReadOnlyList<FaqHit> Search(string query, int max)
    {
        if (queries.Build(query) is not { } built)
        {
            return [];
        }

        return searcher.Search(built, max).ScoreDocs
            .Select(hit => (Document: searcher.Doc(hit.Doc), hit.Score))
            .Select(hit => new FaqHit(Guid.ParseExact(hit.Document.Get(IdField), "N"), analysis.Language, hit.Document.Get(TitleText), hit.Document.Get(SnippetText), hit.Score))
            .ToList();
    }

    public void Dispose()
    {
        reader.Dispose();
        writer.Dispose();
        analysis.Dispose();
        directory.Dispose();
    }

    private static Document Document(FaqIndexedArticle article)
    {
        var body = FaqMarkdown.ToPlainText(article.Body);
        var keywords = string.Join(" ", article.Tags.Append(article.Category ?? ""));
        return
        [
            new StringField(IdField, article.ArticleId.ToString("N"), Field.Store.YES),
            new StoredField(TitleText, article.Title),
            new StoredField(SnippetText, FaqMarkdown.Snippet(body)),
            new TextField(FaqQuery.Title, article.Title, Field.Store.NO),
            new TextField(FaqQuery.TitlePlain, article.Title, Field.Store.NO),
            new TextField(FaqQuery.Body, body, Field.Store.NO),
            new TextField(FaqQuery.BodyPlain, body, Field.Store.NO),
            new TextField(FaqQuery.Keywords, keywords, Field.Store.NO),
        ];
    }
}
