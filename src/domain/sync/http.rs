//! The HTTP requests the replication client makes, as plain values, and the
//! transport that carries them. The client never builds a URL or touches a
//! socket: the browser's transport (`src/sync/web.rs`) sends a [`Request`]
//! with `fetch`, and the native tests answer it from an in-memory server.

use std::future::Future;

use serde_json::Value;

/// The methods the replication protocol needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
}

/// One request to the person's database.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    /// The path below the database URL, without a leading slash, with its
    /// query already encoded (`_changes?since=0`); empty for the database
    /// itself.
    pub path: String,
    /// The JSON body of a `PUT` or `POST`.
    pub body: Option<Value>,
}

/// The server's answer: its status and its JSON body (`Value::Null` when the
/// body was empty or not JSON).
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: Value,
}

/// Why no answer came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetError {
    /// The request could not be sent or the connection failed: offline, a
    /// stopped server, a refused CORS check, a name that does not resolve.
    Unreachable(String),
    /// No answer within the transport's own time limit.
    Timeout,
}

/// Carries requests to one database. Implementations add the server's
/// address, the database name and the credentials, and set their own time
/// limit so that a silent server cannot hold a sync forever.
pub trait Transport {
    fn send(&self, request: Request) -> impl Future<Output = Result<Response, NetError>>;
}

impl Request {
    pub fn get(path: impl Into<String>) -> Request {
        Request {
            method: Method::Get,
            path: path.into(),
            body: None,
        }
    }

    pub fn put(path: impl Into<String>, body: Value) -> Request {
        Request {
            method: Method::Put,
            path: path.into(),
            body: Some(body),
        }
    }

    pub fn post(path: impl Into<String>, body: Value) -> Request {
        Request {
            method: Method::Post,
            path: path.into(),
            body: Some(body),
        }
    }
}

impl Response {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
        }
    }
}
