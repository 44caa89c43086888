import asyncio

TEXT = "the cat and the hat and the bat"


async def count_words(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
        await asyncio.sleep(0)
    return counts


async def main():
    counts = await count_words(TEXT)
    print(counts)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for word, n in top[:3]:
        print(f"{word:>5}: {'#' * n}")
    groups = {}
    for word in TEXT.split():
        groups.setdefault(len(word), []).append(word)
    print(groups)


asyncio.run(main())
