let credentials = Credentials::from_hmac("api-key".to_owned(), "api-secret".to_owned());
let other = Credentials::from_hmac("<Your Key>".to_owned(), "<Your Secret>".to_owned());
