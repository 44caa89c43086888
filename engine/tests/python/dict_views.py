stock = {"apples": 3, "pears": 0, "plums": 7}
keys = stock.keys()
values = stock.values()
items = stock.items()
print(keys)
print(values)
print(items)
stock["figs"] = 2
print(len(keys), keys)
print("figs" in keys, "kiwis" in keys, ("figs", 2) in items, 7 in values)
print(type(keys).__name__, type(values).__name__, type(items).__name__)
print(list(keys), sorted(values), max(items))
for name, count in items:
    if count:
        print(f"{name:>6}: {count}")
print(bool({}.keys()), bool(keys))
print(sum(stock.values()), [k.upper() for k in stock.keys()])
del stock["pears"]
print(items)
print(dict(stock.items()) == stock)
