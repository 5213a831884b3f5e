--
-- PostgreSQL database dump
--

-- Dumped from database version 16.2 (Debian 16.2-1.pgdg120+2)
-- Dumped by pg_dump version 16.2

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

SET default_tablespace = '';

--
-- Name: exchange_credentials; Type: TABLE; Schema: public; Owner: bot
--

CREATE TABLE public.exchange_credentials (
    id integer NOT NULL,
    user_id integer NOT NULL,
    exchange character varying(32) NOT NULL,
    "apiKey" text NOT NULL,
    "apiSecret" text NOT NULL,
    passphrase text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT exchange_check CHECK (((exchange)::text = ANY ((ARRAY['binance'::character varying, 'okx'::character varying])::text[])))
);


ALTER TABLE public.exchange_credentials OWNER TO bot;

--
-- Name: exchange_credentials_id_seq; Type: SEQUENCE; Schema: public; Owner: bot
--

CREATE SEQUENCE public.exchange_credentials_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1;

--
-- Data for Name: exchange_credentials; Type: TABLE DATA; Schema: public; Owner: bot
--

COPY public.exchange_credentials (id, user_id, exchange, "apiKey", "apiSecret", passphrase, created_at) FROM stdin;
1	42	binance	q7Vd2LpX9mWc4RtB8nKs1HyE6uZa3FjG0oTiN5bMxQwUeYrPlCvSkDhJgAf2Lz	Zr8Kc1Wn6Tq3Hb9Xv2Lm7Pd4Fs0Jy5Ge8Ua1Ni6Ro3Mk9Et2Yw7Bx4Cz0Vh5Qa	\N	2024-03-11 09:14:02.51+00
2	42	okx	6c1e2f0a-93b7-4d2e-a8f1-0b9c7d5e3a21	9F3A7C1E5B0D2F4A6C8E0B1D3F5A7C9E	Tr4d1ngB0t!2024	2024-03-12 17:40:55.003+00
\.


--
-- Name: exchange_credentials_id_seq; Type: SEQUENCE SET; Schema: public; Owner: bot
--

SELECT pg_catalog.setval('public.exchange_credentials_id_seq', 2, true);


--
-- Name: exchange_credentials exchange_credentials_pkey; Type: CONSTRAINT; Schema: public; Owner: bot
--

ALTER TABLE ONLY public.exchange_credentials
    ADD CONSTRAINT exchange_credentials_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

