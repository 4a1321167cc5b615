package main

// Page chrome as outlets' pages carry it around a story.

var coastTop = []string{
	"Skip to main content",
	"We use cookies to improve your experience on our site. By continuing to browse you accept our use of cookies. Manage preferences",
	"News | Local | Business | Sport | Opinion | Weather | Obituaries",
	"Support independent local journalism",
	"Coastline News is funded by readers like you. Our reporters cover the councils, courts and coastlines that nobody else does, and we never put our reporting behind a paywall. If you value what we do, please consider a monthly contribution of any size. It takes less than a minute and it keeps our newsroom open.",
	"Donate now",
	"Share on Facebook",
	"Share on X",
	"Email this story",
}

var coastBottom = []string{
	"Read more:",
	"Council approves new parking fees for the seafront",
	"Lifeboat crew honoured for winter rescue",
	"Fish market reopens after two-month refit",
	"Opinion: Why the coastal path deserves better funding",
	"Sign up for our morning newsletter and get the day's headlines before breakfast.",
	"© Coastline News. All rights reserved.",
}

var riverTop = []string{
	"Accept all cookies | Reject non-essential | Cookie settings",
	"Riverside Herald",
	"Subscribe from £1 a week",
	"Home › World › Europe",
	"ADVERTISEMENT",
	"Listen to this article · 4 min",
	"By Herald Staff and agencies",
	"Updated 14:02, Tuesday",
}

var riverBottom = []string{
	"See also",
	"Five things to know about the new rail timetable",
	"Markets close higher as energy stocks recover",
	"Letters: readers on the closure of the library",
	"Most read",
	"1. Mayor defends budget cuts at stormy meeting",
	"2. Police appeal for witnesses after crash on ring road",
	"3. Restaurant reviews: the best new places in the old town",
	"Comments (23)",
	"Join the conversation. Comments are moderated and must follow our community guidelines.",
}

var lakeTop = []string{
	"Lakeside Gazette — news for the lake district since 1921",
	"Our newsletter: the week in five minutes. Subscribe",
	"This site uses cookies. Find out more.",
	"Photo: A file picture shows the area in happier times. (Lakeside Gazette / Archive)",
	"Image credit: Meridian Press",
	"Trending: Lake levels | School closures | Road works",
	"Please support our work. Local news costs money to make: a subscription to the Gazette pays for reporters at council meetings, in court and on the streets of our towns. Subscribers also get the print edition delivered and unlimited access to our archive.",
}

var lakeBottom = []string{
	"Related stories",
	"Town hall to be repainted in original colours",
	"Angler catches record pike near the north shore",
	"Advertisement",
	"Tags: News, Region, Agency",
}
