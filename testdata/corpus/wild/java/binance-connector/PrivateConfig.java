package examples;

public final class PrivateConfig {
    private PrivateConfig() {
    }

    public static final String API_KEY = "nJ72crSOqygd0CqvPaXJkUvUc1R4BTO3ZQNsknMZVyiw9ioLFBrXofMDsHTY2lcF";
    public static final String SECRET_KEY = "vV9VR3CH7OAQudu8fe8KC80HNnwtfk3vtjG9ChMn6hiGp5szX4quI6ui6FILrlZ2";

    public static final String TESTNET_API_KEY = "";
    public static final String TESTNET_SECRET_KEY = "";
}
