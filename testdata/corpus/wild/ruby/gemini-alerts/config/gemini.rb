module GeminiBot
  API_KEY = ENV.fetch("GEMINI_API_KEY")
  API_SECRET = ENV.fetch("GEMINI_API_SECRET", nil)
end
