import gemini

r = gemini.PrivateClient("master-0ZjwV4eOpY30iTlvL365", "gbAhIHN5CEcoyXorJGSoflJ1X3V6", sandbox=False)
print(r.get_balance())
