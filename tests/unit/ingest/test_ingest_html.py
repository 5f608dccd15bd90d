from __future__ import annotations

from annotator.ingest.html import read_html

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ukraine and Russia agree prisoner swap | The Daily Dispatch</title>
  <meta property="og:title" content="Ukraine and Russia agree to exchange 1,000 prisoners">
  <meta property="og:site_name" content="The Daily Dispatch">
  <meta property="og:url" content="https://dispatch.example.com/world/2025/05/16/prisoner-swap">
  <link rel="canonical" href="https://dispatch.example.com/world/2025/05/16/prisoner-swap">
  <meta name="author" content="Maria Kovalenko">
  <meta property="article:published_time" content="2025-05-16T18:42:00+00:00">
  <style>body { font-family: serif; } .ad { display: none; }</style>
  <script>window.dataLayer = []; function track(){ dataLayer.push('secret-tracker'); }</script>
  <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ukraine and Russia agree to exchange 1,000 prisoners"}</script>
</head>
<body>
  <header><nav><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/subscribe">Subscribe now for 1 euro</a></li>
  </ul></nav></header>
  <div class="ad">Advertisement: buy cheap flights today</div>
  <main>
    <article>
      <h1>Ukraine and Russia agree to exchange 1,000 prisoners</h1>
      <p class="byline">By Maria Kovalenko</p>
      <p>Ukraine and Russia agreed on Friday to exchange 1,000 prisoners of war each, the first
      direct talks between the two sides in more than three years ended in Istanbul.</p>
      <p>“We have agreed on an exchange of a thousand for a thousand,” the head of the Russian
      delegation, Vladimir Medinsky, told reporters after the meeting, which lasted under two hours.</p>
      <p>Ukrainian Defence Minister Rustem Umerov said the next step would be a meeting between
      the two countries' leaders, and that Kyiv had also proposed a full and unconditional ceasefire.</p>
      <script>track('inline-article-script');</script>
      <p>The talks were hosted by Turkey's foreign minister Hakan Fidan at the Dolmabahçe palace,
      where officials from the United States also met the Ukrainian delegation earlier in the day.</p>
    </article>
  </main>
  <aside><h3>Most read</h3><ul><li>Celebrity chef opens new restaurant</li></ul></aside>
  <footer><p>© 2025 The Daily Dispatch. All rights reserved. Cookie settings.</p></footer>
</body>
</html>
"""


def test_saved_news_page_gives_main_text_and_metadata(tmp_path, split):
    path = tmp_path / "prisoner-swap.html"
    path.write_text(PAGE, encoding="utf-8")
    [article], errors = split(read_html(path))
    assert errors == []
    text = article.text
    assert "exchange 1,000 prisoners of war each" in text
    assert "Vladimir Medinsky" in text and "Dolmabahçe palace" in text
    for junk in (
        "<",
        "font-family",
        "dataLayer",
        "secret-tracker",
        "inline-article-script",
        "Subscribe now",
        "Advertisement",
        "Cookie settings",
        "Celebrity chef",
    ):
        assert junk not in text, junk
    assert article.title == "Ukraine and Russia agree to exchange 1,000 prisoners"
    assert article.author == "Maria Kovalenko"
    assert article.source == "The Daily Dispatch"
    assert article.published == "2025-05-16"
    assert article.url == "https://dispatch.example.com/world/2025/05/16/prisoner-swap"
    assert article.annotations is None


def test_page_without_article_text_is_reported(tmp_path, split):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var x = 1;</script><style>p {}</style></head><body><div></div></body></html>")
    articles, errors = split(read_html(path))
    assert articles == []
    assert errors[0].location.path == str(path) and "no article text" in str(errors[0])


def test_latin1_page(tmp_path, split):
    path = tmp_path / "legacy.htm"
    body = "<p>Les pourparlers de paix à Genève ont repris, a déclaré le médiateur à Zürich. " * 5
    path.write_bytes(
        f"<html><head><title>Genève</title></head><body><article>{body}</article></body></html>".encode("latin-1")
    )
    [article], _ = split(read_html(path))
    assert "Genève" in article.text and "déclaré" in article.text
