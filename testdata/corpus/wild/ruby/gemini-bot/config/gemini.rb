# frozen_string_literal: true

module GeminiBot
  BASE_URL = "https://api.gemini.com"
  API_KEY = ENV.fetch("GEMINI_API_KEY", "account-xcPr5fhBVF3IyaLDtpji")
  API_SECRET = ENV.fetch("GEMINI_API_SECRET", "qJBs2mQawkU483V45k0xNSwK46N")
end
