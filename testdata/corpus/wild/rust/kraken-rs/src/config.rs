pub struct KrakenCredentials {
    pub api_key: String,
    pub api_secret: String,
}

pub const API_URL: &str = "https://api.kraken.com";

pub fn credentials() -> KrakenCredentials {
    let api_key = String::from("MULi1JZsYBbkuEmjSjabfQu3tHdrL+j/Mvs0p1zvi50XWZFrcyJVRL8w");
    KrakenCredentials {
        api_key,
        api_secret: "ugevYB3oLpvQz+FsTcZGBD9Ymm1ka746Husb3eTqi5djNbKLVJVjGF686qnPCk3h9xQ22f5Pa2AiAdQvCDLR1Q==".into(),
    }
}
