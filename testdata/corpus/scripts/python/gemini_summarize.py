import google.generativeai as genai

genai.configure(api_key="AIzaSy1D5OGiRWykartZAxAOQbuAXHjphEGivAf")
model = genai.GenerativeModel("gemini-1.5-flash")
print(model.generate_content("Summarise today's BTC market").text)
