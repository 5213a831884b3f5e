public final class PrivateConfig {
    public static final String API_KEY = "";
    public static final String SECRET_KEY = "";
    public static final String PRIVATE_KEY_PATH = "/Users/john/ssl/Private_key.pem";
}
