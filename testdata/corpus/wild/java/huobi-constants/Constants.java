public class Constants {
  public static final String API_KEY = "e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx";
  public static final String SECRET_KEY = "b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx";
}
